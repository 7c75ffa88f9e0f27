package io.odqa.feedback.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.console.StudyViews.StudyRow;
import io.odqa.feedback.console.StudyViews.StudySummary;
import io.odqa.feedback.console.StudyViews.TrialRow;
import io.odqa.kg.GraphClient;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.space.SearchSpaceJson;
import io.odqa.tuner.store.Neo4jStudyStore;
import io.odqa.tuner.store.StudyRecord;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Reads the tuner's studies (as {@link Neo4jStudyStore} stores them) for the console. Lists are
 * paged in Cypher; a summary loads one study's trials through the store and condenses them with
 * {@link StudyAnalysis}.
 */
@ApplicationScoped
public class StudyBrowser {
  private static final String LIST = """
      MATCH (s:Study)
      OPTIONAL MATCH (s)-[:HAS_TRIAL]->(t:Trial)
      WITH s, count(t) AS trials,
           count(CASE WHEN t.state = 'COMPLETE' THEN 1 END) AS complete,
           min(CASE WHEN t.state = 'COMPLETE' THEN t.value END) AS low,
           max(CASE WHEN t.state = 'COMPLETE' THEN t.value END) AS high,
           min(t.heartbeat) AS firstHeartbeat
      OPTIONAL MATCH (j:Job) WHERE s.name STARTS WITH 'retune-' AND j.id = substring(s.name, 7)
      RETURN s.name AS name, s.direction AS direction,
             coalesce(j.createdAt, firstHeartbeat) AS createdAt, j.collection AS collection,
             trials, complete, CASE s.direction WHEN 'MAXIMIZE' THEN high ELSE low END AS best
      ORDER BY createdAt IS NULL, createdAt DESC, name SKIP $offset LIMIT $limit""";
  private static final String COUNT = "MATCH (s:Study) RETURN count(s) AS n";
  private static final String DIRECTION = "MATCH (s:Study {name: $name}) RETURN s.direction AS d";
  private static final String TRIALS = """
      MATCH (:Study {name: $name})-[:HAS_TRIAL]->(t:Trial)
      RETURN t.number AS number, t.state AS state, t.paramsJson AS paramsJson,
             t.value AS value, t.heartbeat AS heartbeat
      ORDER BY t.number SKIP $offset LIMIT $limit""";
  private static final String TRIAL_COUNT = """
      MATCH (:Study {name: $name})-[:HAS_TRIAL]->(t:Trial) RETURN count(t) AS n""";
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final GraphClient graph;
  private final ObjectMapper mapper;
  private final FeedbackConfig.Console console;
  private volatile Neo4jStudyStore store;

  StudyBrowser(GraphClient graph, ObjectMapper mapper, FeedbackConfig config) {
    this.graph = graph;
    this.mapper = mapper;
    this.console = config.console();
  }

  /** Studies, newest first (those without a known creation time last), ties by name. */
  public Page<StudyRow> studies(int limit, int offset) {
    Map<String, Object> p = Map.of("limit", limit, "offset", offset);
    return graph.read(tx -> {
      long total = tx.run(COUNT).single().get("n").asLong();
      List<StudyRow> rows = tx.run(LIST, p).list(StudyBrowser::row);
      return new Page<>(total, limit, offset, rows);
    });
  }

  /** Trials of study {@code name} by number; empty when there is no such study. */
  public Optional<Page<TrialRow>> trials(String name, int limit, int offset) {
    Map<String, Object> p = Map.of("name", name, "limit", limit, "offset", offset);
    return graph.read(tx -> {
      if (!tx.run(DIRECTION, p).hasNext()) {
        return Optional.empty();
      }
      long total = tx.run(TRIAL_COUNT, p).single().get("n").asLong();
      return Optional.of(new Page<>(total, limit, offset, tx.run(TRIALS, p).list(this::trial)));
    });
  }

  /** The history, importance and slices of study {@code name}; empty when there is none. */
  public Optional<StudySummary> summary(String name) {
    Neo4jStudyStore studies = store();
    Optional<StudyRecord> found = studies.findStudy(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Direction direction = found.get().direction();
    SearchSpace space = SearchSpaceJson.parse(found.get().spaceJson());
    List<Trial> trials = studies.loadTrials(name, space);
    List<Trial> complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
    TrialRow best = complete.stream()
        .min(Comparator.comparingDouble((Trial t) -> direction.loss(t.value()))
            .thenComparingInt(Trial::number))
        .map(StudyBrowser::row).orElse(null);
    int points = console.summaryPoints();
    return Optional.of(new StudySummary(name, direction.name(), trials.size(), complete.size(),
        best, StudyAnalysis.bestSoFar(trials, direction, points),
        StudyAnalysis.importance(trials, space, console.importanceBins()),
        StudyAnalysis.slices(trials, space, points)));
  }

  private Neo4jStudyStore store() {
    // Opening applies the store's constraints (writes), so once, on first use, not per request.
    Neo4jStudyStore s = store;
    if (s == null) {
      s = Neo4jStudyStore.open(graph);
      store = s;
    }
    return s;
  }

  private static StudyRow row(Record r) {
    Value created = r.get("createdAt");
    Value best = r.get("best");
    return new StudyRow(r.get("name").asString(), r.get("direction").asString(),
        created.isNull() ? null : created.asLong(), r.get("collection").asString(null),
        r.get("trials").asLong(), r.get("complete").asLong(),
        best.isNull() ? null : best.asDouble());
  }

  private TrialRow trial(Record r) {
    Value value = r.get("value");
    Map<String, Object> params;
    try {
      params = mapper.readValue(r.get("paramsJson").asString("{}"), MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("trial " + r.get("number") + " has unreadable paramsJson",
          e);
    }
    return new TrialRow(r.get("number").asInt(), r.get("state").asString(), params,
        value.isNull() ? null : value.asDouble(), r.get("heartbeat").asLong(0L));
  }

  private static TrialRow row(Trial t) {
    return new TrialRow(t.number(), t.state().name(), t.params(), t.value(), t.heartbeatMillis());
  }
}
