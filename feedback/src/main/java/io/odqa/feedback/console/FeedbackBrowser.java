package io.odqa.feedback.console;

import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Reads stored feedback for the console: one page of events, newest first, and the accuracy
 * timeline, counted in Cypher so that only the aggregates leave Neo4j.
 */
@ApplicationScoped
public class FeedbackBrowser {
  private static final String FILTER = """
      MATCH (f:Feedback)
      WHERE ($collection IS NULL OR f.collection = $collection)
        AND ($verdict IS NULL OR f.verdict = $verdict)
      """;
  private static final String PAGE = FILTER + """
      RETURN f.eventId AS eventId, f.question AS question, f.answer AS answer,
             f.verdict AS verdict, f.correctAnswer AS correctAnswer,
             f.configVersion AS configVersion, f.modelVersion AS modelVersion,
             f.collection AS collection, f.timestampMillis AS timestampMillis
      ORDER BY f.timestampMillis DESC, f.eventId DESC SKIP $offset LIMIT $limit""";
  private static final String COUNT = FILTER + "RETURN count(f) AS n";
  private static final String TIMELINE = """
      MATCH (f:Feedback)
      WHERE $collection IS NULL OR f.collection = $collection
      WITH f.timestampMillis - f.timestampMillis % $width AS start,
           f.configVersion AS configVersion, f.modelVersion AS modelVersion, f.verdict AS verdict
      WITH start, configVersion, modelVersion,
           sum(CASE verdict WHEN 'correct' THEN 1 ELSE 0 END) AS correct,
           sum(CASE verdict WHEN 'incorrect' THEN 1 ELSE 0 END) AS incorrect,
           sum(CASE WHEN verdict IN ['correct', 'incorrect'] THEN 0 ELSE 1 END) AS other
      WITH start, collect({configVersion: configVersion, modelVersion: modelVersion,
           correct: correct, incorrect: incorrect, other: other}) AS versions
      ORDER BY start DESC LIMIT $buckets
      RETURN start, versions""";

  /** Width of each timeline bucket kind. */
  public enum BucketWidth {
    /** One hour. */
    HOUR(3_600_000L),
    /** One UTC day. */
    DAY(86_400_000L);

    private final long millis;

    BucketWidth(long millis) {
      this.millis = millis;
    }

    /** The width in milliseconds. */
    public long millis() {
      return millis;
    }

    /** The lower-case name used in requests. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private final GraphClient graph;

  FeedbackBrowser(GraphClient graph) {
    this.graph = graph;
  }

  /**
   * Events of {@code collection} with {@code verdict} (either null for any), newest first by
   * timestamp, ties by event id.
   */
  public Page<FeedbackItem> page(String collection, String verdict, int limit, int offset) {
    Map<String, Object> p = new HashMap<>();
    p.put("collection", collection);
    p.put("verdict", verdict);
    p.put("limit", limit);
    p.put("offset", offset);
    return graph.read(tx -> {
      long total = tx.run(COUNT, p).single().get("n").asLong();
      List<FeedbackItem> items = tx.run(PAGE, p).list(FeedbackBrowser::item);
      return new Page<>(total, limit, offset, items);
    });
  }

  /** Accuracy of {@code collection} (null: all) per bucket, the newest {@code maxBuckets}. */
  public Timeline timeline(String collection, BucketWidth width, int maxBuckets) {
    Map<String, Object> p = new HashMap<>();
    p.put("collection", collection);
    p.put("width", width.millis());
    p.put("buckets", maxBuckets);
    List<Timeline.Bucket> buckets = new ArrayList<>(graph.read(tx ->
        tx.run(TIMELINE, p).list(FeedbackBrowser::bucket)));
    buckets.sort(Comparator.comparingLong(Timeline.Bucket::startMillis));
    return new Timeline(collection, width.label(), width.millis(), buckets);
  }

  private static FeedbackItem item(Record r) {
    return new FeedbackItem(r.get("eventId").asString(), r.get("question").asString(null),
        r.get("answer").asString(null), r.get("verdict").asString(null),
        r.get("correctAnswer").asString(null), r.get("configVersion").asString(null),
        r.get("modelVersion").asString(null), r.get("collection").asString(null),
        r.get("timestampMillis").asLong(0L));
  }

  private static Timeline.Bucket bucket(Record r) {
    List<Timeline.Versions> versions = new ArrayList<>();
    Timeline.Counts total = Timeline.Counts.of(0, 0, 0);
    for (Value v : r.get("versions").values()) {
      Timeline.Counts counts = Timeline.Counts.of(v.get("correct").asLong(),
          v.get("incorrect").asLong(), v.get("other").asLong());
      versions.add(new Timeline.Versions(v.get("configVersion").asString(null),
          v.get("modelVersion").asString(null), counts));
      total = total.plus(counts);
    }
    versions.sort(Comparator.comparing(Timeline.Versions::configVersion, NULLS_FIRST)
        .thenComparing(Timeline.Versions::modelVersion, NULLS_FIRST));
    return new Timeline.Bucket(r.get("start").asLong(), total, versions);
  }
}
