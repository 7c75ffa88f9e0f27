package io.odqa.tuner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import io.odqa.tuner.sampler.tpe.TpeSampler;
import io.odqa.tuner.sampler.tpe.TpeSettings;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.space.SearchSpaceJson;
import io.odqa.tuner.study.Study;
import io.odqa.tuner.study.TrialFinishedException;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Neo4j server ({@code deployments/local/infra.sh start neo4j}, or the one named
 * by NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE).
 */
class Neo4jStudyStoreTest {
  private static final SearchSpace SPACE =
      SearchSpaceJson.parseResource("/search-spaces/pipeline.json");
  private static GraphClient graph;
  private static Neo4jStudyStore store;
  private final List<String> studies = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_000_000);

  @BeforeAll
  static void connect() {
    graph = GraphClient.connect(Neo4jSettings.fromEnvironment());
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    store = Neo4jStudyStore.open(graph);
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  @AfterEach
  void cleanUp() {
    studies.forEach(store::deleteStudy);
  }


  private Study open(StudyStore where, String name) {
    return Study.builder().setName(name).setStore(where).optSpace(SPACE).optSeed(2024)
        .optSampler(new TpeSampler(TpeSettings.defaults().withMultivariate(true, true)))
        .optClock(clock::get).optStaleAfter(Duration.ofMinutes(1)).open();
  }

  private String name() {
    String name = "tuner-test-" + UUID.randomUUID();
    studies.add(name);
    return name;
  }

  private static double objective(Trial t) {
    double k1 = (Double) t.params().get("bm25K1");
    Object depth = t.params().get("reranker.depth");
    return (k1 - 1.2) * (k1 - 1.2) + (depth == null ? 0.5 : Math.abs(((Long) depth) - 50) / 150.0);
  }

  private static void run(Study study, int trials) {
    for (int i = 0; i < trials; i++) {
      Trial t = study.ask();
      study.tell(t.number(), objective(t));
    }
  }

  @Test
  void killedStudyResumesFromNeo4jWithExactlyTheSameTrials() {
    Study uninterrupted = open(new InMemoryStudyStore(), "same-name-in-memory");
    run(uninterrupted, 30);

    String name = name();
    Study first = open(store, name);
    run(first, 13);
    first = null; // the process "dies": only Neo4j remembers the study
    Study resumed = open(store, name);
    assertEquals(13, resumed.trials().size());
    run(resumed, 17);

    assertEquals(uninterrupted.trials(), resumed.trials());
    assertEquals(uninterrupted.trials(), store.loadTrials(name, SPACE));
  }

  @Test
  void retellIsRejectedAfterReload() {
    String name = name();
    Study study = open(store, name);
    int n = study.ask().number();
    study.tell(n, 0.5);
    Study reloaded = open(store, name);
    assertThrows(TrialFinishedException.class, () -> reloaded.tell(n, 0.1));
    assertEquals(0.5, store.loadTrials(name, SPACE).get(n).value());
  }

  @Test
  void staleTrialIsFailedAndPersisted() {
    String name = name();
    Study study = open(store, name);
    int stale = study.ask().number();
    clock.addAndGet(Duration.ofMinutes(2).toMillis());
    study.ask();
    assertEquals(TrialState.FAILED, store.loadTrials(name, SPACE).get(stale).state());
    assertEquals(TrialState.RUNNING, store.loadTrials(name, SPACE).get(stale + 1).state());
  }

  @Test
  void createStudyIsIdempotentAndKeepsTheFirstDefinition() {
    String name = name();
    StudyRecord first = new StudyRecord(name, io.odqa.tuner.trial.Direction.MINIMIZE,
        SearchSpaceJson.write(SPACE), 1);
    assertEquals(first, store.createStudy(first));
    StudyRecord other = new StudyRecord(name, io.odqa.tuner.trial.Direction.MAXIMIZE,
        SearchSpaceJson.write(SPACE), 2);
    assertEquals(first, store.createStudy(other));
    assertEquals(first, store.findStudy(name).orElseThrow());
  }
}
