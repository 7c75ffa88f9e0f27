package io.odqa.ingest.replication;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Publishing to replicas ({@code odqa.replication.*}); defaults in {@code application.properties}. */
@ConfigMapping(prefix = "odqa.replication")
public interface PublishConfig {
  /**
   * How long a replica's replication session may stay idle before the revision it holds is
   * released (its files then go when no newer session needs them).
   */
  @WithDefault("30m")
  Duration sessionExpiration();
}
