package io.odqa.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.odqa.core.model.CollectionName;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.job.IngestJobs;
import io.odqa.ingest.job.JobState;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Documents from the documents topic ({@code odqa.documents}). Each poll becomes one job per
 * collection, spooled before the offsets are committed, so an accepted message is never lost.
 * A message is one document with a {@code collection} field, or
 * {@code {"collection", "documents": [...]}}; a message that is not JSON, or names an invalid
 * collection, is counted as rejected and logged, and the others go on.
 */
@ApplicationScoped
public class DocumentTopicListener {
  private static final Logger LOG = Logger.getLogger(DocumentTopicListener.class);

  private final IngestJobs jobs;
  private final DocumentParser parser;
  private final ObjectMapper mapper;
  private final MeterRegistry registry;

  DocumentTopicListener(IngestJobs jobs, IngestConfig config, ObjectMapper mapper,
      MeterRegistry registry) {
    this.jobs = jobs;
    this.mapper = mapper;
    this.registry = registry;
    this.parser = new DocumentParser(mapper, config.ingest().maxDocumentChars(),
        config.ingest().maxDocumentsPerRequest());
  }

  @Incoming("documents-in")
  @Blocking(ordered = true)
  public void onDocuments(List<byte[]> messages) {
    Map<String, ArrayNode> byCollection = new TreeMap<>();
    for (byte[] message : messages) {
      try {
        JsonNode node = mapper.readTree(new String(message, StandardCharsets.UTF_8));
        String collection = CollectionName.orDefault(node.path("collection").asText(null)).value();
        ArrayNode docs = byCollection.computeIfAbsent(collection, c -> mapper.createArrayNode());
        if (node.has("documents") && node.get("documents").isArray()) {
          docs.addAll((ArrayNode) node.get("documents"));
        } else {
          docs.add(node);
        }
      } catch (IOException | IllegalArgumentException e) {
        registry.counter("odqa.ingest.topic.rejected").increment();
        LOG.warnf("rejected a message on the documents topic: %s", e.getMessage());
      }
    }
    byCollection.forEach(this::submit);
  }

  private void submit(String collection, ArrayNode docs) {
    try {
      ParsedBatch batch = parser.parse(docs.toString().getBytes(StandardCharsets.UTF_8),
          Format.JSON, null, null);
      JobState job = jobs.submit(new CollectionName(collection), batch);
      LOG.infof("job %s: %d documents from the documents topic", job.id(), job.total());
    } catch (BadRequestException e) {
      registry.counter("odqa.ingest.topic.rejected").increment(docs.size());
      LOG.warnf("rejected %d documents from the topic for %s: %s", docs.size(), collection,
          e.getMessage());
    }
  }
}
