package io.odqa.qa.tune;

import java.util.List;

/**
 * Answer to {@code POST /api/v1/eval/sessions/{id}/score}.
 *
 * @param results one score per config, in request order
 * @param cache cache lookups made by this call
 */
public record ScoreResponse(List<ConfigScore> results, CacheStats cache) {

  /**
   * Lookups of each cache during one call: retrieval per (question, BM25 knobs), windows per
   * (question, passage, window knobs, model), graph per (question, graph knobs).
   */
  public record CacheStats(Counts retrieval, Counts windows, Counts graph) {}

  /** Lookups answered from the cache, and lookups that had to compute. */
  public record Counts(long hits, long misses) {
    /** The lookups since {@code before}. */
    public Counts minus(Counts before) {
      return new Counts(hits - before.hits, misses - before.misses);
    }
  }
}
