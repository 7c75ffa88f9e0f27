package io.odqa.qa.tune;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.retrieve.AnalyzedQuestion;
import io.odqa.qa.retrieve.Retriever;
import io.odqa.qa.retrieve.ScoredPassage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each question's best {@code depth} passages per retrieval setting (BM25's k1, b and title
 * boost, and the retrieval knobs: mode, depth, fusion): the only knobs that change retrieval. A
 * config's top {@code k} is a prefix of its depth list, because the retriever orders by score
 * and then passage id, a total order. Passages are shared between
 * settings, so a new setting costs references, not copies of passage text.
 */
final class RetrievalCache {
  /** The knobs that retrieval depends on. */
  record Key(double bm25K1, double bm25B, double titleBoost, PipelineConfig.Retrieval retrieval) {
    static Key of(PipelineConfig c) {
      return new Key(c.bm25K1(), c.bm25B(), c.titleBoost(), c.retrieval());
    }
  }

  private final Retriever retriever;
  private final CollectionName collection;
  private final List<AnalyzedQuestion> questions;
  private final int depth;
  private final Lru<Key, List<List<ScoredPassage>>> results;
  private final Map<String, ScoredPassage> passages = new HashMap<>();
  private final CacheCounter counter = new CacheCounter();

  RetrievalCache(Retriever retriever, CollectionName collection,
      List<AnalyzedQuestion> questions, int depth, int maxSettings) {
    this.retriever = retriever;
    this.collection = collection;
    this.questions = List.copyOf(questions);
    this.depth = depth;
    this.results = Lru.ofEntries(maxSettings);
  }

  /** Question {@code q}'s best passages under {@code config}'s BM25 knobs, to the depth. */
  List<ScoredPassage> passages(int q, PipelineConfig config) {
    Key key = Key.of(config);
    List<List<ScoredPassage>> slots = results.get(key);
    if (slots == null) {
      slots = new ArrayList<>(Collections.nCopies(questions.size(), null));
      results.put(key, slots);
    }
    List<ScoredPassage> hits = slots.get(q);
    if (hits != null) {
      counter.hit();
      return hits;
    }
    counter.miss();
    hits = shared(retriever.retrieve(collection, questions.get(q), depth, config));
    slots.set(q, hits);
    return hits;
  }

  /** The passages of {@code config}'s top {@code k}, or of the depth when k exceeds it. */
  List<ScoredPassage> top(int q, PipelineConfig config) {
    List<ScoredPassage> all = passages(q, config);
    return all.subList(0, Math.min(all.size(), config.topK()));
  }

  ScoreResponse.Counts counts() {
    return counter.snapshot();
  }

  void clear() {
    results.clear();
    passages.clear();
  }

  private List<ScoredPassage> shared(List<ScoredPassage> hits) {
    List<ScoredPassage> out = new ArrayList<>(hits.size());
    for (ScoredPassage hit : hits) {
      ScoredPassage first = passages.computeIfAbsent(hit.passage().id(), id -> hit);
      out.add(first == hit ? hit : new ScoredPassage(first.passage(), first.title(), hit.score()));
    }
    return List.copyOf(out);
  }
}
