package io.odqa.feedback.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.odqa.service.testing.AsOperator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * API keys, roles, CORS and the body limit on the feedback service (the mechanism lives in
 * service-common and is the same in every service; EndpointRolesTest checks which endpoints
 * need which role).
 */
@QuarkusTest
class SecurityTest {
  private static final String PROBLEM = "application/problem+json";
  /** A job request that no role may run: once past the role check, it is refused as 400. */
  private static final String RETUNE = "{\"kind\": \"no-such-kind\"}";

  private static RequestSpecification anonymous() {
    return RestAssured.given().contentType("application/json");
  }

  @Test
  void aStateChangeWithoutAKeyIs401NamingTheHeader() {
    anonymous().body(RETUNE).post("/api/v1/jobs").then().statusCode(401)
        .contentType(PROBLEM).header("WWW-Authenticate", containsString("X-API-Key"))
        .body("status", equalTo(401)).body("detail", containsString("X-API-Key"));
    anonymous().post("/api/v1/models/v1/promote").then().statusCode(401).contentType(PROBLEM);
  }

  @Test
  void anUnknownKeyIs401() {
    anonymous().header("X-API-Key", "not-a-key").body(RETUNE).post("/api/v1/jobs").then()
        .statusCode(401).contentType(PROBLEM).body("detail", containsString("not valid"));
    anonymous().header("Authorization", "Bearer not-a-key").body(RETUNE).post("/api/v1/jobs")
        .then().statusCode(401);
  }

  @Test
  void aViewerKeyMayReadButNotChange() {
    anonymous().header("X-API-Key", AsOperator.VIEWER_KEY).body(RETUNE).post("/api/v1/jobs")
        .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
    anonymous().header("X-API-Key", AsOperator.VIEWER_KEY).get("/api/v1/feedback?limit=1")
        .then().statusCode(200);
  }

  @Test
  void theOperatorKeyPassesAsHeaderOrBearer() {
    // Past the role check, the body's validation answers.
    anonymous().header("X-API-Key", AsOperator.KEY).body(RETUNE).post("/api/v1/jobs").then()
        .statusCode(400).contentType(PROBLEM);
    anonymous().header("Authorization", "Bearer " + AsOperator.KEY).body(RETUNE)
        .post("/api/v1/jobs").then().statusCode(400);
  }

  @Test
  void feedbackEventsAreForViewersButSendingOneIsPublic() {
    anonymous().get("/api/v1/feedback?limit=1").then().statusCode(401).contentType(PROBLEM);
    anonymous().get("/api/v1/feedback/some-event").then().statusCode(401);
    // Sending feedback needs no key: a malformed event is refused by validation, not by auth.
    anonymous().body("{}").post("/api/v1/feedback").then().statusCode(400).contentType(PROBLEM);
    anonymous().get("/api/v1/feedback/stats").then().statusCode(not(equalTo(401)));
  }

  @Test
  void corsAllowsOnlyTheConsolesOrigin() {
    anonymous().header("Origin", "http://127.0.0.1:8083")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "X-API-Key,Content-Type")
        .options("/api/v1/jobs").then().statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo("http://127.0.0.1:8083"));
    anonymous().header("Origin", "http://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/api/v1/jobs").then()
        .header("Access-Control-Allow-Origin", nullValue());
    anonymous().header("Origin", "http://evil.example").header("X-API-Key", AsOperator.KEY)
        .get("/api/v1/jobs").then().header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String huge = "{\"question\": \"" + "x".repeat(1_100_000) + "\"}";
    anonymous().body(huge).post("/api/v1/feedback").then().statusCode(413);
  }
}
