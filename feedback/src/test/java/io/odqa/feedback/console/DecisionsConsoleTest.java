package io.odqa.feedback.console;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.feedback.promote.Decisions;
import io.odqa.feedback.promote.GateDecision;
import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decision history, recorded in the real Neo4j and read back over REST. */
@QuarkusTest
class DecisionsConsoleTest {
  @Inject Decisions decisions;
  @Inject GraphClient graph;

  private final String collection = "console-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    graph.write(tx -> tx.run("MATCH (d:Decision {collection: $c}) DELETE d",
        Map.of("c", collection)).consume());
  }

  @Test
  void decisionsAreFilteredPagedAndNewestFirst() throws InterruptedException {
    record("retune-1", "config", true, 0.02);
    record("retune-2", "config", false, -0.01);
    record("refresh-3", "model", true, 0.03);

    JsonPath all = given().queryParam("collection", collection).get("/api/v1/decisions")
        .then().statusCode(200).extract().jsonPath();
    assertEquals(3, all.getInt("total"));
    assertEquals(List.of("refresh-3", "retune-2", "retune-1"), all.getList("items.jobId"));
    assertEquals(List.of("promoted", "rejected", "promoted"), all.getList("items.decision"));

    JsonPath configs = given().queryParam("collection", collection).queryParam("kind", "config")
        .queryParam("limit", 1).queryParam("offset", 1).get("/api/v1/decisions").then()
        .statusCode(200).extract().jsonPath();
    assertEquals(2, configs.getInt("total"));
    assertEquals(List.of("retune-1"), configs.getList("items.jobId"));
    assertEquals("v0", configs.getString("items[0].champion"));
    assertEquals("retune-1-best", configs.getString("items[0].candidate"));
    assertEquals(0.02, configs.getDouble("items[0].delta"), 1e-6);
    assertEquals(0.52, configs.getDouble("items[0].candidateScore"), 1e-6);
    assertEquals(40, configs.getInt("items[0].n"));
    assertEquals("retune-1", configs.getString("items[0].details.job"));

    given().queryParam("kind", "everything").get("/api/v1/decisions").then().statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("kind must be one of [config, model, graph]"));
  }

  private void record(String job, String kind, boolean promoted, double delta)
      throws InterruptedException {
    decisions.record(job, kind, collection, "v0", job + "-best", new GateDecision(promoted, 0.5,
        0.5 + delta, delta, delta - 0.01, delta + 0.01, 40, "test"), Map.of("job", job));
    // Decisions are ordered by their store time in milliseconds: keep them apart.
    Thread.sleep(5);
  }
}
