package io.odqa.qa.tune;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.kg.GraphAnswer;
import io.odqa.qa.kg.GraphAnswerer;
import io.odqa.qa.kg.GraphUnavailableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Each question's graph answers per graph setting ({@link PipelineConfig#graph()}): the graph
 * stage reads no other knob. When the graph cannot be queried the question gets no graph answer,
 * as {@code /ask} degrades, and nothing is cached, so a later trial asks again.
 */
final class GraphCache {
  private static final Logger LOG = Logger.getLogger(GraphCache.class);

  private final GraphAnswerer graph;
  private final CollectionName collection;
  private final int questions;
  private final Lru<PipelineConfig.Graph, List<List<GraphAnswer>>> answers;
  private final CacheCounter counter = new CacheCounter();

  GraphCache(GraphAnswerer graph, CollectionName collection, int questions, int maxSettings) {
    this.graph = graph;
    this.collection = collection;
    this.questions = questions;
    this.answers = Lru.ofEntries(maxSettings);
  }

  /** The graph's answers to {@code question} (number {@code q}) under {@code config}. */
  List<GraphAnswer> answers(int q, String question, PipelineConfig config) {
    PipelineConfig.Graph key = config.graph();
    List<List<GraphAnswer>> slots = answers.get(key);
    if (slots == null) {
      slots = new ArrayList<>(Collections.nCopies(questions, null));
      answers.put(key, slots);
    }
    List<GraphAnswer> found = slots.get(q);
    if (found != null) {
      counter.hit();
      return found;
    }
    counter.miss();
    try {
      found = graph.answer(question, collection, config);
    } catch (GraphUnavailableException e) {
      LOG.debugf("graph stage skipped for an evaluation question: %s", e.getMessage());
      return List.of();
    }
    slots.set(q, found);
    return found;
  }

  ScoreResponse.Counts counts() {
    return counter.snapshot();
  }

  void clear() {
    answers.clear();
  }
}
