package io.odqa.feedback;

import io.odqa.kg.Neo4jSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of the feedback service; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "odqa")
public interface FeedbackConfig {
  /** The Neo4j server. */
  Neo4jSettings neo4j();

  /** Publishing. */
  Feedback feedback();

  /** Settings of the feedback endpoint. */
  interface Feedback {
    /** How long {@code POST /api/v1/feedback} waits for Kafka to acknowledge an event. */
    @WithDefault("10s")
    Duration publishTimeout();
  }
}
