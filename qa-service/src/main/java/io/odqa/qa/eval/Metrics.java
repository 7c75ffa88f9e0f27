package io.odqa.qa.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Ranking and latency metrics as pure functions. Rankings are lists of document ids, best first;
 * a document that appears again further down (a second passage of it) counts only at its first,
 * best, rank, as trec_eval requires unique documents per ranking. Relevance judgements
 * ("qrels") map document ids to grades; a grade above 0 means relevant, as in BEIR's
 * pytrec_eval setup.
 */
public final class Metrics {
  private Metrics() {}

  /** The ids in {@code ranked} in order of first occurrence, duplicates dropped. */
  public static List<String> firstOccurrences(List<String> ranked) {
    return new ArrayList<>(new LinkedHashSet<>(ranked));
  }

  /** 1 when {@code goldDocId} is among the first {@code k} distinct documents, else 0. */
  public static double recallAt(List<String> rankedDocIds, String goldDocId, int k) {
    return top(rankedDocIds, k).contains(goldDocId) ? 1.0 : 0.0;
  }

  /**
   * Normalised discounted cumulative gain at {@code k} (Järvelin and Kekäläinen, 2002), with the
   * linear gain of trec_eval's {@code ndcg_cut} and BEIR: DCG@k = Σ_{i=1..k} grade(d_i) /
   * log2(i + 1), divided by the DCG of the ideal ranking, the judged grades sorted descending.
   * 0 when no document is relevant.
   */
  public static double ndcgAt(List<String> ranked, Map<String, Integer> qrels, int k) {
    List<String> top = top(ranked, k);
    double dcg = 0;
    for (int i = 0; i < top.size(); i++) {
      dcg += gain(qrels.get(top.get(i))) / log2(i + 2);
    }
    List<Integer> ideal = qrels.values().stream().filter(g -> g != null && g > 0)
        .sorted((a, b) -> Integer.compare(b, a)).limit(k).toList();
    double idcg = 0;
    for (int i = 0; i < ideal.size(); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0.0 : dcg / idcg;
  }

  /**
   * The fraction of relevant documents (grade above 0) found among the first {@code k}; 0 when
   * no document is relevant.
   */
  public static double recallAt(List<String> ranked, Map<String, Integer> qrels, int k) {
    long relevant = qrels.values().stream().filter(g -> g != null && g > 0).count();
    if (relevant == 0) {
      return 0.0;
    }
    long found = top(ranked, k).stream().filter(d -> gain(qrels.get(d)) > 0).count();
    return (double) found / relevant;
  }

  /**
   * Reciprocal rank of the first relevant document (grade above 0) among the first {@code k}, 0
   * when none is; averaged over queries this is MRR@k.
   */
  public static double mrrAt(List<String> ranked, Map<String, Integer> qrels, int k) {
    List<String> top = top(ranked, k);
    for (int i = 0; i < top.size(); i++) {
      if (gain(qrels.get(top.get(i))) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0.0;
  }

  /**
   * The {@code p}-th percentile by the nearest-rank method: the smallest value such that at least
   * {@code p}% of the values are at most it, i.e. sorted[⌈p/100 · n⌉ − 1] (the minimum for p =
   * 0). Nearest rank always returns an observed value, so a p95 latency is one that a request
   * really took.
   *
   * @param values the sample; not empty
   * @param p the percentile, in [0, 100]
   */
  public static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("percentile of an empty list is undefined");
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in [0, 100], got " + p);
    }
    List<Double> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** The arithmetic mean, 0 for an empty collection (an evaluation over no query scores 0). */
  public static double mean(Collection<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0.0);
  }

  private static List<String> top(List<String> ranked, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    List<String> distinct = firstOccurrences(ranked);
    return distinct.subList(0, Math.min(k, distinct.size()));
  }

  private static double gain(Integer grade) {
    return grade == null || grade < 0 ? 0.0 : grade;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
