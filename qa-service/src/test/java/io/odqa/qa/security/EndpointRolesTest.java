package io.odqa.qa.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.qa.api.AskResource;
import io.odqa.service.testing.EndpointAudit;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of qa-service and the role it needs ("-": anyone). Asking, explaining and the
 * read-only stages are public; a new endpoint fails this test until it is added here, with its
 * role chosen on purpose.
 */
class EndpointRolesTest {
  @Test
  void everyStateChangeNeedsTheOperatorRole() {
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("POST /api/v1/ask", "-"),
        Map.entry("POST /api/v1/ask/explain", "-"),
        Map.entry("POST /api/v1/kg", "-"),
        Map.entry("POST /api/v1/read", "-"),
        Map.entry("POST /api/v1/retrieve", "-"),
        Map.entry("GET /api/v1/passages/{passageId}", "-"),
        Map.entry("GET /api/v1/documents/{docId}/passages", "-"),
        Map.entry("GET /api/v1/config", "-"),
        Map.entry("GET /api/v1/champions", "-"),
        Map.entry("GET /api/v1/admin/reader/batching", "viewer"),
        Map.entry("PUT /api/v1/admin/reader/batching", "operator"),
        Map.entry("POST /api/v1/admin/rollback", "operator"),
        // Evaluation sessions hold questions and cost minutes of CPU: the tuner's, not users'.
        Map.entry("POST /api/v1/eval/sessions", "operator"),
        Map.entry("POST /api/v1/eval/sessions/{id}/score", "operator"),
        Map.entry("POST /api/v1/eval/sessions/{id}/evidence", "operator"),
        Map.entry("DELETE /api/v1/eval/sessions/{id}", "operator")));
    assertEquals(expected, EndpointAudit.roles(AskResource.class));
  }
}
