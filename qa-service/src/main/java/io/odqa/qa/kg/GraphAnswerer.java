package io.odqa.qa.kg;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import java.util.List;

/** Answers a question from the knowledge graph. */
public interface GraphAnswerer {
  /**
   * Graph answers, most confident first; empty when the graph has no confident answer.
   *
   * @throws GraphUnavailableException when the graph cannot be queried
   */
  List<GraphAnswer> answer(String question, CollectionName collection, PipelineConfig config);

  /**
   * Answers as {@link #answer} does (the trace's {@code answers} are exactly those), with the
   * steps that led to them; a stage with no steps to show reports its answers alone.
   *
   * @throws GraphUnavailableException when the graph cannot be queried
   */
  default KgResult trace(String question, CollectionName collection, PipelineConfig config) {
    return new KgResult(null, question, List.of(), null, answer(question, collection, config));
  }

  /** Version of the graph model that answers, or {@code none}. */
  default String modelVersion() {
    return "none";
  }
}
