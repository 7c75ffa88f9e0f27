package io.odqa.ingest.graph;

import io.odqa.kg.GraphClient;
import io.odqa.kg.write.DocumentGraphWriter;
import io.odqa.kg.write.FactGraphWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The graph writers of the ingest service, on the service's one {@link GraphClient} (produced
 * by {@code io.odqa.service.GraphProducer}).
 */
@ApplicationScoped
public class GraphWriters {

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
