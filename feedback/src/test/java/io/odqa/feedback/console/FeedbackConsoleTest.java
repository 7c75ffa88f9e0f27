package io.odqa.feedback.console;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.core.model.FeedbackEvent;
import io.odqa.feedback.store.FeedbackStore;
import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feedback list and accuracy timeline over events stored in the real Neo4j. */
@QuarkusTest
class FeedbackConsoleTest {
  private static final String PROBLEM = "application/problem+json";
  /** A UTC midnight, so hour and day buckets start on it. */
  private static final long T0 = 1_699_920_000_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 86_400_000L;

  @Inject FeedbackStore store;
  @Inject GraphClient graph;

  private final String collection = "console-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void storeEvents() {
    // Hour 0: c1/m1 two correct and one incorrect; c2/m1 one partial and one correct.
    store(1, T0 + 60_000, "correct", "c1", "m1");
    store(2, T0 + 60_000, "correct", "c1", "m1");
    store(3, T0 + 120_000, "incorrect", "c1", "m1");
    store(4, T0 + 180_000, "partial", "c2", "m1");
    store(5, T0 + 240_000, "correct", "c2", "m1");
    // Hour 1: c1/m1 one incorrect; one correct that reported no versions.
    store(6, T0 + HOUR + 5_000, "incorrect", "c1", "m1");
    store(7, T0 + HOUR + 6_000, "correct", null, null);
    // The next day: c2/m2 one correct.
    store(8, T0 + DAY + 10, "correct", "c2", "m2");
  }

  @AfterEach
  void cleanUp() {
    graph.write(tx -> tx.run("MATCH (f:Feedback {collection: $c}) DELETE f",
        Map.of("c", collection)).consume());
  }

  @Test
  void listIsNewestFirstPagedAndFiltered() {
    JsonPath all = given().queryParam("collection", collection).get("/api/v1/feedback")
        .then().statusCode(200).extract().jsonPath();
    assertEquals(8, all.getInt("total"));
    assertEquals(50, all.getInt("limit"));
    // Newest first; events 1 and 2 share a timestamp, so the larger id comes first.
    assertEquals(List.of(id(8), id(7), id(6), id(5), id(4), id(3), id(2), id(1)),
        all.getList("items.eventId"));
    given().queryParam("collection", collection).get("/api/v1/feedback").then()
        .body("items[0].question", equalTo("question 8"))
        .body("items[0].answer", equalTo("answer 8"))
        .body("items[0].verdict", equalTo("correct"))
        .body("items[0].correctAnswer", nullValue())
        .body("items[5].correctAnswer", equalTo("right 3"))
        .body("items[0].configVersion", equalTo("c2"))
        .body("items[0].modelVersion", equalTo("m2"))
        .body("items[0].collection", equalTo(collection))
        .body("items[0].timestampMillis", equalTo(T0 + DAY + 10));

    JsonPath page = given().queryParam("collection", collection).queryParam("limit", 3)
        .queryParam("offset", 2).get("/api/v1/feedback").then().statusCode(200)
        .extract().jsonPath();
    assertEquals(8, page.getInt("total"));
    assertEquals(List.of(id(6), id(5), id(4)), page.getList("items.eventId"));

    JsonPath incorrect = given().queryParam("collection", collection)
        .queryParam("verdict", "incorrect").get("/api/v1/feedback").then().statusCode(200)
        .extract().jsonPath();
    assertEquals(2, incorrect.getInt("total"));
    assertEquals(List.of(id(6), id(3)), incorrect.getList("items.eventId"));
  }

  @Test
  void hourlyTimelineCountsEachBucketAndVersionPair() {
    JsonPath t = given().queryParam("collection", collection).queryParam("bucket", "hour")
        .get("/api/v1/feedback/timeline").then().statusCode(200).extract().jsonPath();
    assertEquals("hour", t.getString("bucket"));
    assertEquals(HOUR, t.getLong("bucketMillis"));
    assertEquals(List.of(T0, T0 + HOUR, T0 + DAY), t.getList("buckets.startMillis", Long.class));
    // Hour 0 in all: 3 correct, 1 incorrect, 1 other.
    assertCounts(t, "buckets[0].counts", 3, 1, 1, 0.75);
    assertEquals(List.of("c1", "c2"), t.getList("buckets[0].versions.configVersion"));
    assertCounts(t, "buckets[0].versions[0].counts", 2, 1, 0, 2.0 / 3);
    assertCounts(t, "buckets[0].versions[1].counts", 1, 0, 1, 1.0);
    // Hour 1: the pair without versions sorts first.
    assertEquals(2, t.getList("buckets[1].versions").size());
    assertEquals(null, t.getString("buckets[1].versions[0].configVersion"));
    assertCounts(t, "buckets[1].versions[0].counts", 1, 0, 0, 1.0);
    assertCounts(t, "buckets[1].versions[1].counts", 0, 1, 0, 0.0);
    assertCounts(t, "buckets[2].counts", 1, 0, 0, 1.0);
    assertEquals("m2", t.getString("buckets[2].versions[0].modelVersion"));
  }

  @Test
  void dailyTimelineMergesTheHours() {
    JsonPath t = given().queryParam("collection", collection).queryParam("bucket", "day")
        .get("/api/v1/feedback/timeline").then().statusCode(200).extract().jsonPath();
    assertEquals(List.of(T0, T0 + DAY), t.getList("buckets.startMillis", Long.class));
    assertCounts(t, "buckets[0].counts", 4, 2, 1, 4.0 / 6);
    assertEquals(3, t.getList("buckets[0].versions").size());
    assertCounts(t, "buckets[0].versions[1].counts", 2, 2, 0, 0.5);
  }

  @Test
  void badQueryParametersAreProblems() {
    for (Map<String, Object> params : List.<Map<String, Object>>of(Map.of("limit", 0),
        Map.of("limit", 501), Map.of("limit", "ten"), Map.of("offset", -1),
        Map.of("verdict", "meh"), Map.of("collection", "Bad Name"))) {
      given().queryParams(params).get("/api/v1/feedback").then().statusCode(400)
          .contentType(PROBLEM);
    }
    given().queryParam("limit", 501).get("/api/v1/feedback").then()
        .body("detail", equalTo("limit must be in [1, 500], got 501"));
    given().queryParam("bucket", "week").get("/api/v1/feedback/timeline").then().statusCode(400)
        .contentType(PROBLEM).body("detail", containsString("bucket must be one of [hour, day]"));
  }

  private static void assertCounts(JsonPath t, String path, long correct, long incorrect,
      long other, double accuracy) {
    assertEquals(correct, t.getLong(path + ".correct"), path);
    assertEquals(incorrect, t.getLong(path + ".incorrect"), path);
    assertEquals(other, t.getLong(path + ".other"), path);
    // RestAssured reads JSON numbers as floats.
    assertEquals(accuracy, t.getDouble(path + ".accuracy"), 1e-6, path);
  }

  private void store(int n, long at, String verdict, String config, String model) {
    store.store(new FeedbackEvent(id(n), collection, "question " + n, "answer " + n, verdict,
        null, "incorrect".equals(verdict) ? "right " + n : null, config, model, at, 1));
  }

  private String id(int n) {
    return collection + "-e" + n;
  }
}
