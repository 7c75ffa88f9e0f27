package io.odqa.tuner.store;

import io.odqa.kg.GraphClient;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Studies in Neo4j: {@code (:Study {name, direction, spaceJson, seed})-[:HAS_TRIAL]->(:Trial {key,
 * study, number, state, paramsJson, value, heartbeat})}, where a trial's {@code key} is
 * {@code study + "#" + number}.
 *
 * <p>Why Neo4j: it is already a platform dependency (no new server to run), it is transactional and
 * durable, and the console can query studies next to the documents and feedback the tuner learns
 * from. Each ask and tell is one small write transaction; every write is a parameterised
 * {@code MERGE}, idempotent because the driver may retry it, and backed by uniqueness constraints
 * on the study name and the trial key, which also make concurrent writers safe.
 */
public final class Neo4jStudyStore implements StudyStore {
  static final List<String> SCHEMA = List.of(
      "CREATE CONSTRAINT tuner_study_name IF NOT EXISTS FOR (s:Study) REQUIRE s.name IS UNIQUE",
      "CREATE CONSTRAINT tuner_trial_key IF NOT EXISTS FOR (t:Trial) REQUIRE t.key IS UNIQUE");

  private static final String CREATE_STUDY = """
      MERGE (s:Study {name: $name})
        ON CREATE SET s.direction = $direction, s.spaceJson = $spaceJson, s.seed = $seed
      RETURN s.name AS name, s.direction AS direction, s.spaceJson AS spaceJson, s.seed AS seed
      """;
  private static final String FIND_STUDY = """
      MATCH (s:Study {name: $name})
      RETURN s.name AS name, s.direction AS direction, s.spaceJson AS spaceJson, s.seed AS seed
      """;
  private static final String SAVE_TRIAL = """
      MATCH (s:Study {name: $study})
      MERGE (t:Trial {key: $key})
        ON CREATE SET t.study = $study, t.number = $number
      SET t.state = $state, t.paramsJson = $paramsJson, t.value = $value,
          t.heartbeat = $heartbeat
      MERGE (s)-[:HAS_TRIAL]->(t)
      RETURN count(t) AS saved
      """;
  private static final String LOAD_TRIALS = """
      MATCH (:Study {name: $study})-[:HAS_TRIAL]->(t:Trial)
      RETURN t.number AS number, t.state AS state, t.paramsJson AS paramsJson,
             t.value AS value, t.heartbeat AS heartbeat
      ORDER BY t.number
      """;
  private static final String DELETE_STUDY = """
      MATCH (s:Study {name: $name})
      OPTIONAL MATCH (s)-[:HAS_TRIAL]->(t:Trial)
      DETACH DELETE s, t
      """;

  private final GraphClient graph;

  private Neo4jStudyStore(GraphClient graph) {
    this.graph = graph;
  }

  /** A store on {@code graph}; creates the constraints if they are missing. */
  public static Neo4jStudyStore open(GraphClient graph) {
    if (graph == null) {
      throw new IllegalArgumentException("graph must not be null");
    }
    for (String statement : SCHEMA) {
      // Schema statements cannot share a transaction, so one each; IF NOT EXISTS makes them no-ops.
      graph.write(tx -> tx.run(statement).consume());
    }
    return new Neo4jStudyStore(graph);
  }

  @Override
  public Optional<StudyRecord> findStudy(String name) {
    return graph.read(tx -> {
      var result = tx.run(FIND_STUDY, Map.of("name", name));
      return result.hasNext() ? Optional.of(study(result.next())) : Optional.empty();
    });
  }

  @Override
  public StudyRecord createStudy(StudyRecord study) {
    Map<String, Object> params = Map.of("name", study.name(), "direction",
        study.direction().name(), "spaceJson", study.spaceJson(), "seed", study.seed());
    return graph.write(tx -> study(tx.run(CREATE_STUDY, params).single()));
  }

  @Override
  public void saveTrial(String study, Trial trial) {
    Map<String, Object> params = new HashMap<>();
    params.put("study", study);
    params.put("key", study + "#" + trial.number());
    params.put("number", trial.number());
    params.put("state", trial.state().name());
    params.put("paramsJson", ParamsJson.write(trial.params()));
    params.put("value", trial.value());
    params.put("heartbeat", trial.heartbeatMillis());
    long saved = graph.write(tx -> tx.run(SAVE_TRIAL, params).single().get("saved").asLong());
    if (saved != 1) {
      throw new IllegalArgumentException("study must exist, got \"" + study + "\"");
    }
  }

  @Override
  public List<Trial> loadTrials(String study, SearchSpace space) {
    return graph.read(tx -> tx.run(LOAD_TRIALS, Map.of("study", study)).list(r -> trial(r, space)));
  }

  @Override
  public void deleteStudy(String name) {
    graph.write(tx -> tx.run(DELETE_STUDY, Map.of("name", name)).consume());
  }

  private static StudyRecord study(Record r) {
    return new StudyRecord(r.get("name").asString(), Direction.valueOf(r.get("direction")
        .asString()), r.get("spaceJson").asString(), r.get("seed").asLong());
  }

  private static Trial trial(Record r, SearchSpace space) {
    Value value = r.get("value");
    return new Trial(r.get("number").asInt(), TrialState.valueOf(r.get("state").asString()),
        ParamsJson.read(r.get("paramsJson").asString(), space),
        value.isNull() ? null : value.asDouble(), r.get("heartbeat").asLong());
  }
}
