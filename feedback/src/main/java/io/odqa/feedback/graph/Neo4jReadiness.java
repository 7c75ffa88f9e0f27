package io.odqa.feedback.graph;

import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Neo4j answers: received feedback cannot be stored without it. */
@Readiness
@ApplicationScoped
public class Neo4jReadiness implements HealthCheck {
  private final GraphClient graph;

  Neo4jReadiness(GraphClient graph) {
    this.graph = graph;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("neo4j").status(graph.isAvailable())
        .withData("database", graph.database()).build();
  }
}
