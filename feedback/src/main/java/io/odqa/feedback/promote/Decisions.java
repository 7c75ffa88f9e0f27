package io.odqa.feedback.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every gate decision, promoted or rejected, as a {@code (:Decision)} node with its numbers: the
 * history the console and {@code ./odqa champion} show.
 */
@ApplicationScoped
public class Decisions {
  private static final String INSERT = """
      CREATE (d:Decision {jobId: $jobId, kind: $kind, collection: $collection,
        champion: $champion, candidate: $candidate, decision: $decision, reason: $reason,
        championScore: $championScore, candidateScore: $candidateScore, delta: $delta,
        ciLow: $ciLow, ciHigh: $ciHigh, n: $n, details: $details, at: timestamp()})""";
  private static final String FILTER = """
      MATCH (d:Decision)
      WHERE ($kind IS NULL OR d.kind = $kind) AND ($collection IS NULL OR d.collection = $collection)
      """;
  private static final String LIST = FILTER + """
      RETURN d ORDER BY d.at DESC, d.jobId DESC SKIP $offset LIMIT $limit""";
  private static final String COUNT = FILTER + "RETURN count(d) AS n";
  private static final String LATEST_FOR = """
      MATCH (d:Decision) WHERE d.candidate IN $candidates
      WITH d ORDER BY d.at DESC
      WITH d.candidate AS candidate, collect(d)[0] AS d
      RETURN d""";

  /** A decision an operator made by hand, not the gate. */
  public static final String MANUAL = "manual";

  private final GraphClient graph;
  private final ObjectMapper mapper;

  Decisions(GraphClient graph, ObjectMapper mapper) {
    this.graph = graph;
    this.mapper = mapper;
  }

  /** Stores one decision of job {@code jobId} on {@code candidate} against {@code champion}. */
  public void record(String jobId, String kind, String collection, String champion,
      String candidate, GateDecision d, Map<String, Object> details) {
    Map<String, Object> p = identity(jobId, kind, collection, champion, candidate);
    p.put("decision", d.decision());
    p.put("reason", d.reason());
    p.put("championScore", d.champion());
    p.put("candidateScore", d.candidate());
    p.put("delta", d.delta());
    p.put("ciLow", Double.isNaN(d.ciLow()) ? null : d.ciLow());
    p.put("ciHigh", Double.isNaN(d.ciHigh()) ? null : d.ciHigh());
    p.put("n", d.n());
    insert(p, details);
  }

  /**
   * Stores an operator's promotion of {@code candidate} by hand: decision {@value #MANUAL},
   * without gate numbers.
   */
  public void recordManual(String jobId, String kind, String collection, String champion,
      String candidate, String reason, Map<String, Object> details) {
    Map<String, Object> p = identity(jobId, kind, collection, champion, candidate);
    p.put("decision", MANUAL);
    p.put("reason", reason);
    for (String number : List.of("championScore", "candidateScore", "delta", "ciLow", "ciHigh",
        "n")) {
      p.put(number, null);
    }
    insert(p, details);
  }

  /** The newest {@code limit} decisions, of {@code kind} when not null. */
  public List<Map<String, Object>> list(String kind, int limit) {
    return list(kind, null, limit, 0);
  }

  /**
   * The decisions of {@code kind} and {@code collection} (null: any), newest first, skipping
   * {@code offset} and returning at most {@code limit}.
   */
  public List<Map<String, Object>> list(String kind, String collection, int limit, int offset) {
    Map<String, Object> p = filter(kind, collection);
    p.put("limit", limit);
    p.put("offset", offset);
    return graph.read(tx -> tx.run(LIST, p).list(r -> view(r.get("d").asMap())));
  }

  /** How many decisions {@link #list(String, String, int, int)} pages through. */
  public long count(String kind, String collection) {
    return graph.read(tx -> tx.run(COUNT, filter(kind, collection)).single().get("n").asLong());
  }

  /** The newest decision on each of {@code candidates} that has one, by candidate. */
  public Map<String, Map<String, Object>> latestFor(List<String> candidates) {
    return graph.read(tx -> {
      Map<String, Map<String, Object>> out = new HashMap<>();
      tx.run(LATEST_FOR, Map.of("candidates", candidates)).forEachRemaining(r -> {
        Map<String, Object> d = view(r.get("d").asMap());
        out.put((String) d.get("candidate"), d);
      });
      return out;
    });
  }

  private static Map<String, Object> identity(String jobId, String kind, String collection,
      String champion, String candidate) {
    Map<String, Object> p = new HashMap<>();
    p.put("jobId", jobId);
    p.put("kind", kind);
    p.put("collection", collection);
    p.put("champion", champion);
    p.put("candidate", candidate);
    return p;
  }

  private void insert(Map<String, Object> p, Map<String, Object> details) {
    try {
      p.put("details", mapper.writeValueAsString(details));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("decision details always serialise, but did not", e);
    }
    graph.write(tx -> tx.run(INSERT, p).consume());
  }

  private static Map<String, Object> filter(String kind, String collection) {
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind);
    p.put("collection", collection);
    return p;
  }

  private Map<String, Object> view(Map<String, Object> node) {
    Map<String, Object> d = new HashMap<>(node);
    try {
      d.put("details", mapper.readValue((String) d.get("details"),
          new TypeReference<Map<String, Object>>() {}));
    } catch (JsonProcessingException | RuntimeException e) {
      d.remove("details");
    }
    return d;
  }
}
