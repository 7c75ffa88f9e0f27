package io.odqa.qa.tune;

/** Hits and misses of one cache; guarded, like the cache, by its session's lock. */
final class CacheCounter {
  private long hits;
  private long misses;

  void hit() {
    hits++;
  }

  void miss() {
    misses++;
  }

  void add(int hitCount, int missCount) {
    hits += hitCount;
    misses += missCount;
  }

  ScoreResponse.Counts snapshot() {
    return new ScoreResponse.Counts(hits, misses);
  }
}
