package io.odqa.ingest.job;

import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.extract.OpenNlpModels;
import io.odqa.ingest.extract.OpenNlpTripleExtractor;
import io.odqa.ingest.extract.TripleExtractor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/**
 * The service's triple extractor: OpenNLP open IE, or none when
 * {@code odqa.ingest.extract.enabled=false} (passages only, for bulk loads).
 */
@ApplicationScoped
public class ExtractorProducer {

  @Produces
  @ApplicationScoped
  TripleExtractor extractor(IngestConfig config) {
    if (!config.ingest().extract().enabled()) {
      return passage -> List.of();
    }
    return new OpenNlpTripleExtractor(OpenNlpModels.fromClasspath());
  }
}
