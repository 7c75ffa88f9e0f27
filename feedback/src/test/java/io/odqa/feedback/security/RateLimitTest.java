package io.odqa.feedback.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.service.testing.AsOperator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-client limits with small buckets: 429 with Retry-After, keys and probes apart. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
class RateLimitTest {
  /** Five requests at once, then one a second, for a client without a key. */
  public static class SmallBuckets implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("odqa.limits.rate.enabled", "true",
          "odqa.limits.rate.anonymous-burst", "5", "odqa.limits.rate.anonymous-per-second", "1",
          "odqa.limits.rate.key-burst", "50", "odqa.limits.rate.key-per-second", "50");
    }
  }

  @Test
  void anAnonymousClientBeyondItsBurstGets429WithRetryAfter() {
    int allowed = 0;
    Response limited = null;
    for (int i = 0; i < 20 && limited == null; i++) {
      Response r = RestAssured.given().get("/api/v1/jobs");
      if (r.statusCode() == 429) {
        limited = r;
      } else {
        allowed++;
      }
    }
    assertTrue(limited != null, "never limited");
    assertTrue(allowed >= 5 && allowed <= 6, "allowed " + allowed + " of a burst of 5");
    limited.then().contentType("application/problem+json").body("status", equalTo(429))
        .body("detail", containsString("retry after"));
    long retryAfter = Long.parseLong(limited.header("Retry-After"));
    assertEquals(1, retryAfter);

    // Meanwhile a client with a key, and the health probes, are not limited.
    for (int i = 0; i < 10; i++) {
      AsOperator.given().get("/api/v1/jobs").then().statusCode(200);
      RestAssured.given().get("/q/health/live").then().statusCode(200);
    }
  }
}
