package io.odqa.feedback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of the feedback service; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "odqa")
public interface FeedbackConfig {
  /** Publishing. */
  Feedback feedback();

  /** Settings of the feedback endpoint. */
  interface Feedback {
    /** How long {@code POST /api/v1/feedback} waits for Kafka to acknowledge an event. */
    @WithDefault("10s")
    Duration publishTimeout();
  }
}
