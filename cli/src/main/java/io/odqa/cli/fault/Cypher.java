package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Read-only Cypher over Neo4j's HTTP API ({@code /db/neo4j/tx/commit}) of the fault run's own
 * server: what the services stored, counted without the Bolt driver, which this module does not
 * ship.
 */
final class Cypher {
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI endpoint;
  private final String auth;

  Cypher(int httpPort, String user, String password) {
    this.endpoint = URI.create("http://127.0.0.1:" + httpPort + "/db/neo4j/tx/commit");
    this.auth = "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The rows of {@code statement}, each a JSON array of its columns. */
  List<JsonNode> rows(String statement, Map<String, Object> parameters) throws IOException {
    String body = Http.JSON.writeValueAsString(Map.of("statements",
        List.of(Map.of("statement", statement, "parameters", parameters))));
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(120))
        .header("Authorization", auth).header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode tree = Http.JSON.readTree(response.body());
    if (response.statusCode() != 200 || tree.path("errors").size() > 0) {
      throw new IOException("Cypher failed (HTTP " + response.statusCode() + "): "
          + tree.path("errors"));
    }
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode d : tree.path("results").path(0).path("data")) {
      rows.add(d.path("row"));
    }
    return rows;
  }

  /** The single number that {@code statement} returns. */
  long count(String statement, Map<String, Object> parameters) throws IOException {
    return rows(statement, parameters).get(0).path(0).asLong();
  }
}
