package io.odqa.service;

import io.odqa.kg.Neo4jSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Neo4j server of a service ({@code odqa.neo4j.*}), read the same way by every service. */
@ConfigMapping(prefix = "odqa.neo4j")
public interface Neo4jConfig extends Neo4jSettings {
  /**
   * Whether the service is ready only while Neo4j answers. Ingest and feedback cannot do their
   * work without it; qa-service still answers from text and says the graph is degraded.
   */
  @WithDefault("true")
  boolean requiredForReadiness();
}
