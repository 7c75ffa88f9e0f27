package io.odqa.qa.retrieve;

import io.odqa.core.model.PipelineConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a BM25 ranking and a dense ranking of the same collection into one.
 *
 * <ul>
 *   <li>{@code rrf}: reciprocal rank fusion, {@code sum over lists of 1 / (rrfK + rank)} with
 *       ranks from 1 (Cormack, Clarke and Büttcher, 2009). Needs no score calibration.
 *   <li>{@code linear}: {@code bm25 + denseWeight * cosine}. A passage found by one retriever
 *       only gets the other list's lowest score, a bound on what it would have scored (the
 *       convention of Pyserini's hybrid searcher; Ma et al., 2021). The result stays in BM25's
 *       units, so the reader's retrieval prior (a softmax of the scores) keeps its meaning.
 * </ul>
 *
 * Ties are broken by passage id, so fusion is deterministic.
 */
public final class RankFusion {
  private RankFusion() {}

  /** The best {@code k} of {@code sparse} and {@code dense} (each best first) fused by {@code r}. */
  public static List<ScoredPassage> fuse(List<ScoredPassage> sparse, List<ScoredPassage> dense,
      PipelineConfig.Retrieval r, int k) {
    Map<String, ScoredPassage> passages = new LinkedHashMap<>();
    sparse.forEach(p -> passages.putIfAbsent(p.passage().id(), p));
    dense.forEach(p -> passages.putIfAbsent(p.passage().id(), p));
    Map<String, Double> scores = r.fusion().equals("rrf") ? rrf(sparse, dense, r.rrfK())
        : linear(sparse, dense, r.denseWeight());
    List<ScoredPassage> out = new ArrayList<>(passages.size());
    passages.forEach((id, p) -> out.add(new ScoredPassage(p.passage(), p.title(),
        (float) (double) scores.get(id))));
    out.sort(Comparator.comparingDouble(ScoredPassage::score).reversed()
        .thenComparing(p -> p.passage().id()));
    return List.copyOf(out.subList(0, Math.min(k, out.size())));
  }

  private static Map<String, Double> rrf(List<ScoredPassage> sparse, List<ScoredPassage> dense,
      int rrfK) {
    Map<String, Double> scores = new HashMap<>();
    for (List<ScoredPassage> list : List.of(sparse, dense)) {
      for (int i = 0; i < list.size(); i++) {
        scores.merge(list.get(i).passage().id(), 1.0 / (rrfK + i + 1), Double::sum);
      }
    }
    return scores;
  }

  private static Map<String, Double> linear(List<ScoredPassage> sparse,
      List<ScoredPassage> dense, double weight) {
    Map<String, Double> bm25 = byId(sparse);
    Map<String, Double> cosine = byId(dense);
    double bm25Floor = lowest(sparse);
    double cosineFloor = lowest(dense);
    Map<String, Double> scores = new HashMap<>();
    for (String id : union(bm25, cosine)) {
      scores.put(id, bm25.getOrDefault(id, bm25Floor)
          + weight * cosine.getOrDefault(id, cosineFloor));
    }
    return scores;
  }

  private static Map<String, Double> byId(List<ScoredPassage> list) {
    Map<String, Double> out = new HashMap<>();
    list.forEach(p -> out.putIfAbsent(p.passage().id(), (double) p.score()));
    return out;
  }

  private static List<String> union(Map<String, Double> a, Map<String, Double> b) {
    List<String> ids = new ArrayList<>(a.keySet());
    b.keySet().stream().filter(id -> !a.containsKey(id)).forEach(ids::add);
    return ids;
  }

  private static double lowest(List<ScoredPassage> list) {
    return list.isEmpty() ? 0.0 : list.stream().mapToDouble(ScoredPassage::score).min()
        .orElse(0.0);
  }
}
