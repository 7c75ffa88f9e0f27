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
  private static final String LIST = """
      MATCH (d:Decision) WHERE $kind IS NULL OR d.kind = $kind
      RETURN d ORDER BY d.at DESC LIMIT $limit""";

  private final GraphClient graph;
  private final ObjectMapper mapper;

  Decisions(GraphClient graph, ObjectMapper mapper) {
    this.graph = graph;
    this.mapper = mapper;
  }

  /** Stores one decision of job {@code jobId} on {@code candidate} against {@code champion}. */
  public void record(String jobId, String kind, String collection, String champion,
      String candidate, GateDecision d, Map<String, Object> details) {
    Map<String, Object> p = new HashMap<>();
    p.put("jobId", jobId);
    p.put("kind", kind);
    p.put("collection", collection);
    p.put("champion", champion);
    p.put("candidate", candidate);
    p.put("decision", d.decision());
    p.put("reason", d.reason());
    p.put("championScore", d.champion());
    p.put("candidateScore", d.candidate());
    p.put("delta", d.delta());
    p.put("ciLow", Double.isNaN(d.ciLow()) ? null : d.ciLow());
    p.put("ciHigh", Double.isNaN(d.ciHigh()) ? null : d.ciHigh());
    p.put("n", d.n());
    try {
      p.put("details", mapper.writeValueAsString(details));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("decision details always serialise, but did not", e);
    }
    graph.write(tx -> tx.run(INSERT, p).consume());
  }

  /** The newest {@code limit} decisions, of {@code kind} when not null. */
  public List<Map<String, Object>> list(String kind, int limit) {
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind);
    p.put("limit", limit);
    return graph.read(tx -> tx.run(LIST, p).list(r -> {
      Map<String, Object> d = new HashMap<>(r.get("d").asMap());
      try {
        d.put("details", mapper.readValue((String) d.get("details"), new TypeReference<Map<String, Object>>() {}));
      } catch (JsonProcessingException | RuntimeException e) {
        d.remove("details");
      }
      return d;
    }));
  }
}
