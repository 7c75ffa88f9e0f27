package io.odqa.qa.retrieve;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import java.util.List;

/** Finds the passages of a collection that best match a question. */
public interface Retriever {
  /**
   * Returns at most {@code k} passages by descending score, ties broken by ascending passage id.
   *
   * @throws UnknownCollectionException when the collection has no index
   */
  List<ScoredPassage> retrieve(CollectionName collection, AnalyzedQuestion question, int k,
      PipelineConfig config);

  /**
   * Retrieves as {@link #retrieve} does, with the rankings that were fused into the result. A
   * retriever that fuses nothing reports no component rankings.
   *
   * @throws UnknownCollectionException when the collection has no index
   */
  default RetrievalTrace trace(CollectionName collection, AnalyzedQuestion question, int k,
      PipelineConfig config) {
    return new RetrievalTrace(k, retrieve(collection, question, k, config), null, null);
  }

  /**
   * Every passage of document {@code docId} in reading order, scored 0; empty when the document
   * is not in the collection.
   *
   * @throws UnknownCollectionException when the collection has no index
   */
  List<ScoredPassage> passagesOf(CollectionName collection, String docId);
}
