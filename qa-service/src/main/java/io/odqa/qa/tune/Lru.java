package io.odqa.qa.tune;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A map that drops its least recently used entries once their total weight exceeds a budget;
 * the newest entry always stays, whatever its weight. Not thread-safe: a session guards its
 * caches with its own lock.
 */
final class Lru<K, V> {
  private final LinkedHashMap<K, V> map = new LinkedHashMap<>(16, 0.75f, true);
  private final ToLongFunction<V> weight;
  private final long budget;
  private long used;

  /** Entries weighing {@code weight} each, at most {@code budget} in all. */
  Lru(long budget, ToLongFunction<V> weight) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be at least 1, got " + budget);
    }
    this.budget = budget;
    this.weight = weight;
  }

  /** At most {@code entries} entries. */
  static <K, V> Lru<K, V> ofEntries(int entries) {
    return new Lru<>(entries, v -> 1);
  }

  /** The value of {@code key}, now the most recently used; null when absent. */
  V get(K key) {
    return map.get(key);
  }

  /** Puts {@code value} as the most recently used, then drops the oldest beyond the budget. */
  void put(K key, V value) {
    V old = map.put(key, value);
    used += weight.applyAsLong(value) - (old == null ? 0 : weight.applyAsLong(old));
    Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
    while (used > budget && map.size() > 1) {
      used -= weight.applyAsLong(eldest.next().getValue());
      eldest.remove();
    }
  }

  /** Total weight held. */
  long used() {
    return used;
  }

  int size() {
    return map.size();
  }

  void clear() {
    map.clear();
    used = 0;
  }
}
