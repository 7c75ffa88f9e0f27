package io.odqa.qa.graph;

import io.odqa.kg.GraphClient;
import io.odqa.qa.QaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Owns the service's one {@link GraphClient} and closes it on shutdown. */
@ApplicationScoped
public class GraphProducer {

  @Produces
  @ApplicationScoped
  GraphClient graphClient(QaConfig config) {
    return GraphClient.connect(config.neo4j());
  }

  void close(@Disposes GraphClient graph) {
    graph.close();
  }
}
