package io.odqa.feedback.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.feedback.api.FeedbackResource;
import io.odqa.service.testing.EndpointAudit;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the feedback service and the role it needs ("-": anyone). A new endpoint
 * fails this test until it is added here, with its role chosen on purpose.
 */
class EndpointRolesTest {
  @Test
  void everyStateChangeNeedsTheOperatorRole() {
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("GET /api/v1/champion", "-"),
        Map.entry("GET /api/v1/decisions", "-"),
        Map.entry("GET /api/v1/feedback", "viewer"),
        Map.entry("GET /api/v1/feedback/stats", "-"),
        Map.entry("GET /api/v1/feedback/timeline", "-"),
        Map.entry("GET /api/v1/feedback/{eventId}", "viewer"),
        Map.entry("POST /api/v1/feedback", "-"),
        Map.entry("GET /api/v1/jobs", "-"),
        Map.entry("GET /api/v1/jobs/{id}", "-"),
        Map.entry("POST /api/v1/jobs", "operator"),
        Map.entry("GET /api/v1/models", "-"),
        Map.entry("POST /api/v1/models/{version}/promote", "operator"),
        Map.entry("GET /api/v1/studies", "-"),
        Map.entry("GET /api/v1/studies/{name}/summary", "-"),
        Map.entry("GET /api/v1/studies/{name}/trials", "-")));
    assertEquals(expected, EndpointAudit.roles(FeedbackResource.class));
  }
}
