package io.odqa.ingest.job;

import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.extract.OpenNlpModels;
import io.odqa.ingest.extract.OpenNlpTripleExtractor;
import io.odqa.ingest.extract.TripleExtractor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The service's triple extractor: OpenNLP open IE, or none when
 * {@code odqa.ingest.extract.enabled=false} (passages only, for bulk loads).
 */
@ApplicationScoped
public class ExtractorProducer {

  /**
   * A {@code @Singleton}, not {@code @ApplicationScoped}: the bean is created when it is
   * injected, and consumers hold the extractor itself rather than a client proxy, which the
   * extraction pool's threads (outside any CDI-managed thread) could not initialise lazily.
   */
  @Produces
  @Singleton
  TripleExtractor extractor(IngestConfig config) {
    if (!config.ingest().extract().enabled()) {
      return passage -> List.of();
    }
    return new OpenNlpTripleExtractor(OpenNlpModels.fromClasspath());
  }
}
