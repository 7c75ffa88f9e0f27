package io.odqa.service;

import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether Neo4j answers. Where the service needs it ({@code
 * odqa.neo4j.required-for-readiness}, the default) the check is DOWN without it; elsewhere it
 * stays UP and says in its data whether the graph is available.
 */
@Readiness
@ApplicationScoped
public class Neo4jReadiness implements HealthCheck {
  private final GraphClient graph;
  private final boolean required;

  Neo4jReadiness(GraphClient graph, Neo4jConfig config) {
    this.graph = graph;
    this.required = config.requiredForReadiness();
  }

  @Override
  public HealthCheckResponse call() {
    boolean available = graph.isAvailable();
    return HealthCheckResponse.named("neo4j").status(available || !required)
        .withData("available", available).withData("database", graph.database()).build();
  }
}
