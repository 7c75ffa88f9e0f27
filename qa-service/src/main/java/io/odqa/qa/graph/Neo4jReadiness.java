package io.odqa.qa.graph;

import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether Neo4j answers. The service stays ready without it (text answers do not need
 * the graph), so the check is UP either way and says which in its data.
 */
@Readiness
@ApplicationScoped
public class Neo4jReadiness implements HealthCheck {
  private final GraphClient graph;

  Neo4jReadiness(GraphClient graph) {
    this.graph = graph;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("neo4j").up()
        .withData("available", graph.isAvailable())
        .withData("database", graph.database()).build();
  }
}
