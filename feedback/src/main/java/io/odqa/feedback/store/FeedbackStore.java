package io.odqa.feedback.store;

import io.odqa.core.model.FeedbackEvent;
import io.odqa.kg.GraphClient;
import io.odqa.kg.schema.GraphSchema;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
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
  private static final String OF_COLLECTION = """
      MATCH (f:Feedback {collection: $collection}) RETURN f ORDER BY f.timestampMillis, f.eventId""";
  private static final String COUNT_SINCE = """
      MATCH (f:Feedback) WHERE f.storedAt > $since
      RETURN f.collection AS collection, count(f) AS n""";
  private static final String COUNT = """
      MATCH (f:Feedback) WHERE $collection IS NULL OR f.collection = $collection
      RETURN count(f) AS n""";
  private static final String RECENT_VERDICTS = """
      MATCH (f:Feedback {collection: $collection}) WHERE f.verdict IN ['correct', 'incorrect']
      RETURN f.verdict = 'correct' AS ok ORDER BY f.storedAt DESC, f.eventId DESC LIMIT $limit""";

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

  /** Every stored event of {@code collection}, oldest first. */
  public List<FeedbackEvent> events(String collection) {
    return graph.read(tx -> tx.run(OF_COLLECTION, Map.of("collection", collection))
        .list(r -> fromNode(r).event()));
  }

  /** Events stored after {@code sinceMillis}, per collection. */
  public Map<String, Long> countSince(long sinceMillis) {
    return graph.read(tx -> {
      Map<String, Long> out = new TreeMap<>();
      tx.run(COUNT_SINCE, Map.of("since", sinceMillis))
          .forEachRemaining(r -> out.put(r.get("collection").asString(), r.get("n").asLong()));
      return out;
    });
  }

  /** Stored events of {@code collection}, or of all when it is null. */
  public long count(String collection) {
    Map<String, Object> p = new HashMap<>();
    p.put("collection", collection);
    return graph.read(tx -> tx.run(COUNT, p).single().get("n").asLong());
  }

  /**
   * The verdicts of the newest {@code limit} correct-or-incorrect events of {@code collection},
   * newest first: {@code true} for correct.
   */
  public List<Boolean> recentVerdicts(String collection, int limit) {
    return graph.read(tx -> tx.run(RECENT_VERDICTS, Map.of("collection", collection,
        "limit", limit)).list(r -> r.get("ok").asBoolean()));
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
    p.put("schemaVersion", e.schemaVersion());
    return p;
  }

  private static StoredFeedback fromNode(Record record) {
    Value f = record.get("f");
    FeedbackEvent event = new FeedbackEvent(f.get("eventId").asString(),
        f.get("collection").asString(), f.get("question").asString(), f.get("answer").asString(),
        f.get("verdict").asString(), f.get("passageId").asString(null),
        f.get("correctAnswer").asString(null), f.get("configVersion").asString(null),
        f.get("modelVersion").asString(null), f.get("timestampMillis").asLong(),
        f.get("schemaVersion").isNull() ? 1 : f.get("schemaVersion").asInt());
    return new StoredFeedback(event, f.get("deliveries").asLong(), f.get("storedAt").asLong());
  }
}
