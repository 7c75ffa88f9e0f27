package io.odqa.service;

import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Owns the service's one {@link GraphClient} and closes it on shutdown. */
@ApplicationScoped
public class GraphProducer {

  @Produces
  @ApplicationScoped
  GraphClient graphClient(Neo4jConfig config) {
    return GraphClient.connect(config);
  }

  void close(@Disposes GraphClient graph) {
    graph.close();
  }
}
