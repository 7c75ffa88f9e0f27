package io.odqa.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** The console's settings: where the services it fronts listen. */
@ConfigMapping(prefix = "odqa.console")
public interface ConsoleConfig {
  /** qa-service's base URL. */
  @WithDefault("http://127.0.0.1:8080")
  URI qaUrl();

  /** The ingest service's base URL. */
  @WithDefault("http://127.0.0.1:8081")
  URI ingestUrl();

  /** The feedback service's base URL. */
  @WithDefault("http://127.0.0.1:8082")
  URI feedbackUrl();

  /** How long a forwarded request may take (an explain reads passages: seconds on a CPU). */
  @WithDefault("60s")
  Duration timeout();
}
