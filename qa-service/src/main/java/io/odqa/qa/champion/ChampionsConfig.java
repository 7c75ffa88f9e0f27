package io.odqa.qa.champion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code odqa.champions.*}: how a starting replica waits for the promoted champions. */
@ConfigMapping(prefix = "odqa.champions")
public interface ChampionsConfig {
  /** How long to wait for Kafka to say where the config and models topics end. */
  @WithDefault("60s")
  Duration catchUpTimeout();

  /** Whether the answering endpoints say 503 until the champions are in force. */
  @WithDefault("true")
  boolean gate();
}
