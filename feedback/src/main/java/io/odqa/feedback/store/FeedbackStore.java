package io.odqa.feedback.store;

import io.odqa.core.model.FeedbackEvent;
import io.odqa.kg.GraphClient;
import io.odqa.kg.schema.GraphSchema;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.jboss.logging.Logger;

/**
 * Stores feedback events in Neo4j, idempotently by event id. The first delivery creates the
 * node; later deliveries only increment {@code deliveries}, so the stored event is always the
 * first one received.
 */
@ApplicationScoped
public class FeedbackStore {
  private static final Logger LOG = Logger.getLogger(FeedbackStore.class);

  private static final String STORE = """
      MERGE (f:Feedback {eventId: $e.eventId})
      ON CREATE SET f += $e, f.deliveries = 1, f.storedAt = timestamp()
      ON MATCH SET f.deliveries = f.deliveries + 1
      RETURN f.deliveries AS deliveries
      """;
  private static final String FIND = "MATCH (f:Feedback {eventId: $id}) RETURN f";

  private final GraphClient graph;
  /** Applied at start, or before the first write when Neo4j was down at start. */
  private volatile boolean schemaApplied;

  FeedbackStore(GraphClient graph) {
    this.graph = graph;
  }

  void onStart(@Observes StartupEvent event) {
    try {
      GraphSchema.apply(graph);
      schemaApplied = true;
    } catch (Neo4jException e) {
      LOG.warnf("Neo4j schema not applied at start (%s); will retry on first write", e.getMessage());
    }
  }

  /** Stores {@code event} unless its id is already stored; returns its delivery count. */
  public long store(FeedbackEvent event) {
    Map<String, Object> params = Map.of("e", properties(event));
    if (!schemaApplied) {
      GraphSchema.apply(graph);
      schemaApplied = true;
    }
    return graph.write(tx -> tx.run(STORE, params).single().get("deliveries").asLong());
  }

  /** The stored event with id {@code eventId}, if any. */
  public Optional<StoredFeedback> find(String eventId) {
    return graph.read(tx -> {
      var result = tx.run(FIND, Map.of("id", eventId));
      return result.hasNext() ? Optional.of(fromNode(result.next())) : Optional.empty();
    });
  }

  private static Map<String, Object> properties(FeedbackEvent e) {
    Map<String, Object> p = new HashMap<>();
    p.put("eventId", e.eventId());
    p.put("collection", e.collection());
    p.put("question", e.question());
    p.put("answer", e.answer());
    p.put("verdict", e.verdict());
    p.put("passageId", e.passageId());
    p.put("correctAnswer", e.correctAnswer());
    p.put("configVersion", e.configVersion());
    p.put("modelVersion", e.modelVersion());
    p.put("timestampMillis", e.timestampMillis());
    return p;
  }

  private static StoredFeedback fromNode(Record record) {
    Value f = record.get("f");
    FeedbackEvent event = new FeedbackEvent(f.get("eventId").asString(),
        f.get("collection").asString(), f.get("question").asString(), f.get("answer").asString(),
        f.get("verdict").asString(), f.get("passageId").asString(null),
        f.get("correctAnswer").asString(null), f.get("configVersion").asString(null),
        f.get("modelVersion").asString(null), f.get("timestampMillis").asLong());
    return new StoredFeedback(event, f.get("deliveries").asLong(), f.get("storedAt").asLong());
  }
}
