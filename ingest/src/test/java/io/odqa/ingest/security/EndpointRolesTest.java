package io.odqa.ingest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.ingest.api.DocumentsResource;
import io.odqa.service.testing.EndpointAudit;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the ingest service and the role it needs ("-": anyone). A new endpoint
 * fails this test until it is added here, with its role chosen on purpose.
 */
class EndpointRolesTest {
  @Test
  void everyStateChangeNeedsTheOperatorRole() {
    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("GET /api/v1/collections", "-"),
        Map.entry("GET /api/v1/collections/{name}", "-"),
        Map.entry("GET /api/v1/collections/{name}/documents", "-"),
        Map.entry("POST /api/v1/documents", "operator"),
        Map.entry("DELETE /api/v1/documents/{id}", "operator"),
        Map.entry("GET /api/v1/jobs", "-"),
        Map.entry("GET /api/v1/jobs/{id}", "-"),
        Map.entry("POST /api/v1/jobs/{id}/retry", "operator"),
        // A replica pulls whole index revisions: a reader of everything, so a viewer.
        Map.entry("GET /api/v1/replication", "viewer"),
        Map.entry("GET /api/v1/replication/{collection}/{action}", "viewer"),
        Map.entry("POST /api/v1/triples", "operator")));
    assertEquals(expected, EndpointAudit.roles(DocumentsResource.class));
  }
}
