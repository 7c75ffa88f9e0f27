package io.odqa.feedback.console;

import static io.odqa.service.testing.AsOperator.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.kg.GraphClient;
import io.odqa.tuner.sampler.RandomSampler;
import io.odqa.tuner.space.CategoricalDistribution;
import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.store.Neo4jStudyStore;
import io.odqa.tuner.study.Study;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Studies written through the tuner's Study API on the real Neo4j, read back over REST. */
@QuarkusTest
class StudiesConsoleTest {
  /** Both studies' clocks sit in 2096, so they are the newest in any database. */
  private static final long FUTURE = 4_000_000_000_000L;
  private static final int TRIALS = 60;
  private static final int FAILED = 10;
  private static final SearchSpace SPACE = new SearchSpace(List.of(
      Parameter.of("x", new FloatDistribution(0, 1, false)),
      Parameter.of("noise", new FloatDistribution(0, 1, false)),
      Parameter.of("mode", new CategoricalDistribution(List.of("a", "b", "c")))));
  private static final JsonPathConfig DOUBLES =
      new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

  @Inject GraphClient graph;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String older = "console-study-a-" + suffix;
  private final String newer = "console-study-b-" + suffix;
  private Neo4jStudyStore store;
  private List<Trial> trials;

  @BeforeEach
  void runStudies() {
    store = Neo4jStudyStore.open(graph);
    Study study = open(older, FUTURE - 1000);
    for (int i = 0; i < TRIALS; i++) {
      Trial t = study.ask();
      if (t.number() == FAILED) {
        study.tellFailed(t.number());
      } else {
        // Only x moves the objective; noise and mode are sampled but ignored.
        study.tell(t.number(), 10 * (Double) t.params().get("x"));
      }
    }
    trials = study.trials();
    Study other = open(newer, FUTURE);
    other.tell(other.ask().number(), 1.0);
  }

  @AfterEach
  void cleanUp() {
    store.deleteStudy(older);
    store.deleteStudy(newer);
  }

  @Test
  void studiesAreListedNewestFirstWithTheirBest() {
    JsonPath list = given().queryParam("limit", 2).get("/api/v1/studies").then().statusCode(200)
        .extract().body().jsonPath(DOUBLES);
    assertEquals(List.of(newer, older), list.getList("items.name"));
    assertTrue(list.getLong("total") >= 2);
    assertEquals("MAXIMIZE", list.getString("items[1].direction"));
    assertEquals(FUTURE - 1000, list.getLong("items[1].createdAtMillis"));
    assertEquals(TRIALS, list.getInt("items[1].trials"));
    assertEquals(TRIALS - 1, list.getInt("items[1].complete"));
    assertEquals(best(), list.getDouble("items[1].bestValue"));
    assertNull(list.get("items[1].collection"));
  }

  @Test
  void trialsArePagedByNumber() {
    JsonPath page = given().queryParam("limit", 20).queryParam("offset", 20)
        .get("/api/v1/studies/" + older + "/trials").then().statusCode(200).extract().body()
        .jsonPath(DOUBLES);
    assertEquals(TRIALS, page.getInt("total"));
    assertEquals(IntStream.range(20, 40).boxed().toList(), page.getList("items.number"));
    assertEquals(trials.get(25).value(), page.getDouble("items[5].value"));
    assertEquals(trials.get(25).params().get("mode"), page.getString("items[5].params.mode"));
    assertEquals((Double) trials.get(25).params().get("x"), page.getDouble("items[5].params.x"));
    JsonPath first = given().get("/api/v1/studies/" + older + "/trials").then().statusCode(200)
        .extract().jsonPath();
    assertEquals(200, first.getInt("limit"));
    assertEquals("FAILED", first.getString("items[" + FAILED + "].state"));
    assertNull(first.get("items[" + FAILED + "].value"));
  }

  @Test
  void summaryHasTheBestSoFarCurveAndRanksTheDrivingParameterFirst() {
    JsonPath s = given().get("/api/v1/studies/" + older + "/summary").then().statusCode(200)
        .extract().body().jsonPath(DOUBLES);
    assertEquals(TRIALS, s.getInt("trials"));
    assertEquals(TRIALS - 1, s.getInt("complete"));
    List<Integer> numbers = new ArrayList<>();
    List<Double> bests = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (Trial t : trials) {
      if (t.state() == TrialState.COMPLETE) {
        best = Math.max(best, t.value());
        numbers.add(t.number());
        bests.add(best);
      }
    }
    assertEquals(numbers, s.getList("bestSoFar.number"));
    assertEquals(bests, s.getList("bestSoFar.best", Double.class));
    assertEquals(best(), s.getDouble("best.value"));
    List<String> ranked = s.getList("importance.param");
    assertEquals("x", ranked.get(0));
    double x = s.getDouble("importance[0].importance");
    assertTrue(x > 0.8, "x explains most of the variance, got " + x);
    for (int i = 1; i < ranked.size(); i++) {
      double other = s.getDouble("importance[" + i + "].importance");
      assertTrue(other < 0.2, ranked.get(i) + " explains nothing, got " + other);
    }
    assertEquals(List.of("x", "noise", "mode"), s.getList("slices.param"));
    assertEquals(List.of(false, false, true), s.getList("slices.categorical"));
    assertEquals(TRIALS - 1, s.getList("slices[2].points").size());
  }

  @Test
  void unknownStudiesAreNotFoundAndBadPagesAreProblems() {
    given().get("/api/v1/studies/no-such-study-" + suffix + "/trials").then().statusCode(404)
        .contentType("application/problem+json");
    given().get("/api/v1/studies/no-such-study-" + suffix + "/summary").then().statusCode(404);
    given().queryParam("limit", 0).get("/api/v1/studies").then().statusCode(400);
    given().queryParam("offset", "x").get("/api/v1/studies/" + older + "/trials").then()
        .statusCode(400).contentType("application/problem+json");
  }

  private Study open(String name, long clock) {
    return Study.builder().setName(name).setStore(store).optSpace(SPACE)
        .optDirection(Direction.MAXIMIZE).optSeed(7).optSampler(new RandomSampler())
        .optClock(() -> clock).open();
  }

  private double best() {
    return trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
        .mapToDouble(Trial::value).max().orElseThrow();
  }
}
