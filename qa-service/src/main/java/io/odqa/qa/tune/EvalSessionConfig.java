package io.odqa.qa.tune;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of evaluation sessions ({@code /api/v1/eval/sessions}). */
@ConfigMapping(prefix = "odqa.eval-session")
public interface EvalSessionConfig {
  /** Sessions alive at once, in [1, 64]; creating one more closes the least recently used. */
  @WithDefault("4")
  int maxSessions();

  /** A session unused for this long is closed, with its caches and any model it loaded. */
  @WithDefault("30m")
  Duration idleTimeout();

  /**
   * Passages retrieved and cached per question and BM25 setting, in [1, 1000]. A config whose
   * {@code topK} exceeds it is scored as if {@code topK} were the depth.
   */
  @WithDefault("50")
  int depth();

  /**
   * Memory for cached reader logits per session, in MiB, in [1, 65536]. Beyond it the least
   * recently used windows are dropped (and counted as misses when needed again): scoring never
   * fails for lack of cache, it only slows down.
   */
  @WithDefault("128")
  int windowCacheMb();

  /**
   * Distinct BM25 settings, and distinct graph settings, whose results a session keeps, in
   * [1, 10000]; the least recently used is dropped beyond it.
   */
  @WithDefault("16")
  int maxCachedConfigs();
}
