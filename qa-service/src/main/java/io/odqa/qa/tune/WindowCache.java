package io.odqa.qa.tune;

import io.odqa.reader.read.WindowLogits;
import java.util.List;

/**
 * Reader logits per (question, passage, window knobs, model version), as compact windows
 * ({@link WindowLogits#compact}): everything but decoding, which depends on the other reader
 * knobs and is redone per config. Bounded in bytes; the least recently used entries go first.
 */
final class WindowCache {
  /**
   * What a passage's logits depend on: the question, the passage, how it is cut into windows,
   * and the model's weights.
   */
  record Key(int question, String passageId, int windowTokens, int stride, String model) {}

  /** Bookkeeping per entry beyond its arrays: key, list and object headers. */
  private static final long OVERHEAD_BYTES = 160;

  private final Lru<Key, List<WindowLogits>> windows;
  private final CacheCounter counter = new CacheCounter();

  WindowCache(long maxBytes) {
    this.windows = new Lru<>(maxBytes, WindowCache::bytes);
  }

  /** The cached windows of {@code key}, or null; not counted (see {@link #count}). */
  List<WindowLogits> get(Key key) {
    return windows.get(key);
  }

  void put(Key key, List<WindowLogits> compact) {
    windows.put(key, List.copyOf(compact));
  }

  /** Counts the lookups of one question once its read succeeded. */
  void count(int hits, int misses) {
    counter.add(hits, misses);
  }

  ScoreResponse.Counts counts() {
    return counter.snapshot();
  }

  /** Bytes held now. */
  long bytes() {
    return windows.used();
  }

  void clear() {
    windows.clear();
  }

  private static long bytes(List<WindowLogits> ws) {
    long sum = OVERHEAD_BYTES;
    for (WindowLogits w : ws) {
      sum += w.bytes() + OVERHEAD_BYTES;
    }
    return sum;
  }
}
