package io.odqa.feedback.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/** Jobs as {@code (:Job)} nodes in Neo4j: created, updated as they progress, never deleted. */
@ApplicationScoped
public class JobStore {
  private static final String CREATE = """
      CREATE CONSTRAINT job_id IF NOT EXISTS FOR (j:Job) REQUIRE j.id IS UNIQUE""";
  private static final String INSERT = """
      CREATE (j:Job {id: $id, kind: $kind, collection: $collection, state: 'queued',
        trigger: $trigger, request: $request, done: 0, total: 0, stage: 'queued',
        attempts: 0, createdAt: timestamp(), startedAt: 0, finishedAt: 0})
      RETURN j""";
  private static final String UPDATE = "MATCH (j:Job {id: $id}) SET j += $props";
  private static final String FIND = "MATCH (j:Job {id: $id}) RETURN j";
  private static final String ACTIVE = """
      MATCH (j:Job) WHERE j.state IN ['queued', 'running'] RETURN j ORDER BY j.createdAt, j.id""";
  private static final String LIST = """
      MATCH (j:Job)
      WHERE ($kind IS NULL OR j.kind = $kind) AND ($collection IS NULL OR j.collection = $collection)
      RETURN j ORDER BY j.createdAt DESC, j.id DESC LIMIT $limit""";
  private static final String LAST = """
      MATCH (j:Job {kind: $kind, collection: $collection})
      RETURN max(j.createdAt) AS at""";

  private final GraphClient graph;
  private final ObjectMapper mapper;
  private volatile boolean schemaApplied;

  JobStore(GraphClient graph, ObjectMapper mapper) {
    this.graph = graph;
    this.mapper = mapper;
  }

  /** Stores a new queued job. */
  public Job create(String id, JobRequest request) {
    ensureSchema();
    Map<String, Object> p = Map.of("id", id, "kind", request.kind().label(),
        "collection", request.collection(), "trigger", request.trigger(),
        "request", json(request));
    return graph.write(tx -> fromNode(tx.run(INSERT, p).single()));
  }

  /** Sets {@code props} on job {@code id}. */
  public void update(String id, Map<String, Object> props) {
    Map<String, Object> copy = new HashMap<>(props);
    copy.computeIfPresent("result", (k, v) -> v instanceof String ? v : json(v));
    graph.write(tx -> tx.run(UPDATE, Map.of("id", id, "props", copy)).consume());
  }

  /** Job {@code id}, if stored. */
  public Optional<Job> find(String id) {
    return graph.read(tx -> {
      var r = tx.run(FIND, Map.of("id", id));
      return r.hasNext() ? Optional.of(fromNode(r.next())) : Optional.empty();
    });
  }

  /** Queued and running jobs, oldest first. */
  public List<Job> active() {
    ensureSchema();
    return graph.read(tx -> tx.run(ACTIVE).list(JobStore::node).stream().map(this::fromValue)
        .toList());
  }

  /** The newest {@code limit} jobs, of {@code kind} and for {@code collection} when not null. */
  public List<Job> list(String kind, String collection, int limit) {
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind);
    p.put("collection", collection);
    p.put("limit", limit);
    return graph.read(tx -> tx.run(LIST, p).list(JobStore::node).stream().map(this::fromValue)
        .toList());
  }

  /** When the last job of {@code kind} for {@code collection} was created, or 0. */
  public long lastCreated(JobKind kind, String collection) {
    return graph.read(tx -> {
      Value at = tx.run(LAST, Map.of("kind", kind.label(), "collection", collection)).single()
          .get("at");
      return at.isNull() ? 0L : at.asLong();
    });
  }

  /** Parses a stored request. */
  public JobRequest request(Job job) {
    try {
      return mapper.readValue(job.request(), JobRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored request of job " + job.id() + " unreadable", e);
    }
  }

  private void ensureSchema() {
    if (!schemaApplied) {
      graph.autoCommit(CREATE, Map.of());
      schemaApplied = true;
    }
  }

  private static Value node(Record r) {
    return r.get("j");
  }

  private Job fromNode(Record r) {
    return fromValue(r.get("j"));
  }

  private Job fromValue(Value j) {
    Map<String, Object> result = null;
    if (!j.get("result").isNull()) {
      try {
        result = mapper.readValue(j.get("result").asString(), new TypeReference<>() {});
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored result of job " + j.get("id") + " unreadable", e);
      }
    }
    return new Job(j.get("id").asString(), j.get("kind").asString(),
        j.get("collection").asString(), j.get("state").asString(), j.get("trigger").asString(),
        j.get("request").asString(), j.get("done").asLong(), j.get("total").asLong(),
        j.get("stage").asString(""), result, j.get("error").asString(null),
        j.get("attempts").asLong(), j.get("createdAt").asLong(), j.get("startedAt").asLong(),
        j.get("finishedAt").asLong());
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job data always serialises, but did not", e);
    }
  }
}
