package io.odqa.feedback.console;

import static io.odqa.service.testing.AsOperator.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.kg.GraphClient;
import io.odqa.tuner.sampler.RandomSampler;
import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.store.Neo4jStudyStore;
import io.odqa.tuner.study.Study;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's reads at the volume: 10,000 feedback events over three days and a study
 * of 1,000 trials. Each answer stays bounded (a page, the buckets, a downsampled curve), so the
 * pages stay usable; the sizes and times are printed for the record, not asserted.
 */
@QuarkusTest
class ConsoleVolumeTest {
  private static final int EVENTS = 10_000;
  private static final int TRIALS = 1_000;
  private static final long DAY = 86_400_000L;
  private static final SearchSpace SPACE = new SearchSpace(List.of(
      Parameter.of("x", new FloatDistribution(0, 1, false)),
      Parameter.of("y", new FloatDistribution(0, 1, false))));

  @Inject GraphClient graph;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String collection = "volume-" + suffix;
  private final String studyName = "volume-study-" + suffix;
  private Neo4jStudyStore store;

  @BeforeEach
  void fill() {
    long start = System.currentTimeMillis() - 3 * DAY;
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      events.add(Map.of("eventId", collection + "-" + i, "collection", collection,
          "question", "question " + i, "answer", "answer " + i,
          "verdict", i % 4 == 0 ? "incorrect" : "correct",
          "configVersion", "config-" + (i * 3 / EVENTS), "modelVersion", "model-1",
          "timestampMillis", start + (long) i * (3 * DAY / EVENTS)));
    }
    // The store's own shape (FeedbackStore), written in one statement for speed.
    graph.write(tx -> tx.run("UNWIND $events AS e CREATE (f:Feedback) SET f = e",
        Map.of("events", events)).consume());
    store = Neo4jStudyStore.open(graph);
    Study study = Study.builder().setName(studyName).setStore(store).optSpace(SPACE)
        .optDirection(Direction.MAXIMIZE).optSeed(3).optSampler(new RandomSampler()).open();
    for (int i = 0; i < TRIALS; i++) {
      Trial t = study.ask();
      study.tell(t.number(), (Double) t.params().get("x") - 0.1 * (Double) t.params().get("y"));
    }
  }

  @AfterEach
  void cleanUp() {
    graph.write(tx -> tx.run("MATCH (f:Feedback {collection: $c}) DETACH DELETE f",
        Map.of("c", collection)).consume());
    store.deleteStudy(studyName);
  }

  @Test
  void pagesStayBoundedAtTenThousandEventsAndAThousandTrials() {
    JsonPath page = timed("events page", given().queryParam("collection", collection)
        .queryParam("limit", 25).get("/api/v1/feedback")).jsonPath();
    assertEquals(EVENTS, page.getInt("total"));
    assertEquals(25, page.getList("items").size());

    JsonPath lastPage = timed("last events page", given().queryParam("collection", collection)
        .queryParam("limit", 25).queryParam("offset", EVENTS - 25).get("/api/v1/feedback"))
        .jsonPath();
    assertEquals(25, lastPage.getList("items").size());

    JsonPath timeline = timed("timeline by hour", given().queryParam("collection", collection)
        .queryParam("bucket", "hour").get("/api/v1/feedback/timeline")).jsonPath();
    List<Integer> correct = timeline.getList("buckets.counts.correct", Integer.class);
    List<Integer> incorrect = timeline.getList("buckets.counts.incorrect", Integer.class);
    int counted = IntStream.range(0, correct.size()).map(i -> correct.get(i) + incorrect.get(i))
        .sum();
    assertTrue(correct.size() <= 73, "about 72 hourly buckets, got " + correct.size());
    assertEquals(EVENTS, counted, "every event is in a bucket");

    JsonPath trials = timed("trials page", given().queryParam("limit", 20).queryParam("offset", 980)
        .get("/api/v1/studies/" + studyName + "/trials")).jsonPath();
    assertEquals(TRIALS, trials.getInt("total"));
    assertEquals(IntStream.range(980, 1000).boxed().toList(), trials.getList("items.number"));

    JsonPath summary = timed("study summary", given()
        .get("/api/v1/studies/" + studyName + "/summary")).jsonPath();
    assertEquals(TRIALS, summary.getInt("complete"));
    assertTrue(summary.getList("bestSoFar").size() <= 500, "downsampled best-so-far");
    assertTrue(summary.getList("slices[0].points").size() <= 500, "downsampled slice");
    assertEquals("x", summary.getString("importance[0].param"));
  }

  /** The response (200), with its size and time printed. */
  private static Response timed(String what, Response r) {
    r.then().statusCode(200);
    System.out.printf("[console volume] %s: %d bytes in %d ms%n", what,
        r.asByteArray().length, r.getTime());
    return r;
  }
}
