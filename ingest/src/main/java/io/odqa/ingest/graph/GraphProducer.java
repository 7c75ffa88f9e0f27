package io.odqa.ingest.graph;

import io.odqa.ingest.IngestConfig;
import io.odqa.kg.GraphClient;
import io.odqa.kg.write.DocumentGraphWriter;
import io.odqa.kg.write.FactGraphWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Owns the service's one {@link GraphClient} and closes it on shutdown. */
@ApplicationScoped
public class GraphProducer {

  @Produces
  @ApplicationScoped
  GraphClient graphClient(IngestConfig config) {
    return GraphClient.connect(config.neo4j());
  }

  void close(@Disposes GraphClient graph) {
    graph.close();
  }

  @Produces
  @ApplicationScoped
  DocumentGraphWriter documentGraphWriter(GraphClient graph) {
    return new DocumentGraphWriter(graph);
  }

  @Produces
  @ApplicationScoped
  FactGraphWriter factGraphWriter(GraphClient graph) {
    return new FactGraphWriter(graph);
  }
}
