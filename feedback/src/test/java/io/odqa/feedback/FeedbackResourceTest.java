package io.odqa.feedback;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Feedback over REST, through the real Kafka broker, into the real Neo4j server. */
@QuarkusTest
class FeedbackResourceTest {
  private static final String PROBLEM = "application/problem+json";

  @Inject GraphClient graph;

  private final String eventId = "test-" + UUID.randomUUID();

  @AfterEach
  void cleanUp() {
    graph.write(tx -> tx.run("MATCH (f:Feedback {eventId: $id}) DELETE f", Map.of("id", eventId))
        .consume());
  }

  @Test
  void sameEventTwiceIsStoredOnce() throws InterruptedException {
    String body = event(eventId, "incorrect");
    for (int i = 0; i < 2; i++) {
      given().contentType("application/json").body(body).post("/api/v1/feedback")
          .then().statusCode(202).body("eventId", equalTo(eventId))
          .header("Location", containsString("/api/v1/feedback/" + eventId));
    }
    // Wait until the consumer has seen both deliveries, then check there is one record.
    long deadline = System.currentTimeMillis() + 30_000;
    while (deliveries() < 2) {
      if (System.currentTimeMillis() > deadline) {
        fail("both deliveries of " + eventId + " were not consumed within 30 s; saw " + deliveries());
      }
      Thread.sleep(200);
    }
    long stored = graph.read(tx -> tx.run("MATCH (f:Feedback {eventId: $id}) RETURN count(f)",
        Map.of("id", eventId)).single().get(0).asLong());
    assertEquals(1, stored);
    given().get("/api/v1/feedback/" + eventId).then().statusCode(200)
        .body("event.verdict", equalTo("incorrect"))
        .body("event.question", equalTo("Who wrote Hamlet?"))
        .body("deliveries", equalTo(2))
        .body("storedAtMillis", notNullValue());
  }

  @Test
  void serverAssignsAnIdWhenTheClientSendsNone() {
    given().contentType("application/json")
        .body("{\"question\": \"q\", \"answer\": \"a\", \"verdict\": \"correct\"}")
        .post("/api/v1/feedback").then().statusCode(202).body("eventId", notNullValue());
  }

  @Test
  void badRequestsGetProblemBodies() {
    post("").then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("request body is empty"));
    post("{\"question\": ").then().statusCode(400).contentType(PROBLEM);
    post("{\"answer\": \"a\", \"verdict\": \"correct\"}").then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("question must be a non-blank string"));
    post(event(eventId, "meh")).then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("verdict must be one of [correct, incorrect, partial]"));
    post("{\"question\": \"q\", \"answer\": \"" + "a".repeat(4001) + "\", \"verdict\": \"correct\"}")
        .then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("answer must be at most 4000 characters"));
    post("{\"question\": \"q\", \"answer\": \"a\", \"verdict\": \"correct\", \"collection\": \"A B\"}")
        .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("collection must match"));
    given().get("/api/v1/feedback/never-sent").then().statusCode(404).contentType(PROBLEM);
  }

  @Test
  void readinessReportsTheRealNeo4j() {
    given().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'neo4j' }.status", equalTo("UP"));
  }

  private long deliveries() {
    return graph.read(tx -> tx.run("MATCH (f:Feedback {eventId: $id}) RETURN f.deliveries",
        Map.of("id", eventId)).list().stream().mapToLong(r -> r.get(0).asLong()).sum());
  }

  private static io.restassured.response.Response post(String json) {
    return given().contentType("application/json").body(json).post("/api/v1/feedback");
  }

  private static String event(String id, String verdict) {
    return "{\"eventId\": \"" + id + "\", \"collection\": \"default\", \"question\": "
        + "\"Who wrote Hamlet?\", \"answer\": \"Christopher Marlowe\", \"verdict\": \"" + verdict
        + "\", \"correctAnswer\": \"William Shakespeare\"}";
  }
}
