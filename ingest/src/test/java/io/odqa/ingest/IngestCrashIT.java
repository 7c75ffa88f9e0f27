package io.odqa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the packaged ingest service: kill -9 in the middle of a job, restart, and
 * the job resumes and ends with the same counts (Lucene passages, Neo4j documents, passages,
 * entities and relations) as a clean run of the same input. Real Lucene, real Neo4j.
 */
class IngestCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static GraphClient graph;
  private static Path dataDir;
  private static int port;
  private Process service;

  @BeforeAll
  static void setUp() throws IOException {
    graph = GraphClient.connect(Neo4jSettings.fromEnvironment());
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    dataDir = Files.createTempDirectory("odqa-crash-it");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  @AfterAll
  static void tearDown() {
    for (String c : List.of("crash-" + RUN, "clean-" + RUN)) {
      graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n", Map.of("c", c)).consume());
    }
    graph.close();
  }

  @Test
  void killDashNineMidJobThenRestartEndsLikeACleanRun() throws Exception {
    byte[] corpus = corpus();
    start();
    String crashed = submit("crash-" + RUN, corpus);
    awaitProgress(crashed, 60);
    service.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
    JsonNode killed = JSON.readTree(Files.readString(dataDir.resolve("jobs").resolve(crashed).resolve("job.json")));
    assertTrue(killed.get("extracted").asLong() < killed.get("total").asLong(),
        "the job was killed before it finished: " + killed);

    start();
    assertEquals("done", awaitDone(crashed).get("status").asText());
    String clean = submit("clean-" + RUN, corpus);
    awaitDone(clean);
    service.destroy();
    service.waitFor();

    assertEquals(counts("clean-" + RUN), counts("crash-" + RUN));
    assertEquals(360L, counts("crash-" + RUN).get(0), "every document is there once");
  }

  /** The demo corpus ten times over, with distinct ids: 360 documents. */
  private static byte[] corpus() throws IOException {
    List<String> lines = Files.readAllLines(Path.of(System.getProperty("odqa.demo.corpus")));
    StringBuilder out = new StringBuilder();
    for (int copy = 0; copy < 10; copy++) {
      for (String line : lines) {
        out.append(line.replaceFirst("\"id\": ?\"", "\"id\": \"c" + copy + "-")).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void start() throws IOException, InterruptedException {
    Path log = dataDir.resolve("service-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m",
        "-Dquarkus.http.port=" + port, "-jar", System.getProperty("odqa.ingest.jar"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("ODQA_DATA_DIR", dataDir.toString());
    builder.environment().put("ODQA_INGEST_BATCH_SIZE", "20");
    builder.environment().put("ODQA_DOCUMENTS_TOPIC", "odqa.documents.crash-it");
    service = builder.start();
    long deadline = System.currentTimeMillis() + 120_000;
    while (!Files.readString(log).contains("Listening on")) {
      assertTrue(service.isAlive() && System.currentTimeMillis() < deadline,
          "ingest did not start:\n" + Files.readString(log));
      Thread.sleep(200);
    }
  }

  private static String submit(String collection, byte[] corpus) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + "/api/v1/documents?format=jsonl&collection=" + collection))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(corpus)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("jobId").asText();
  }

  private static JsonNode job(String id) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/api/v1/jobs/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static void awaitProgress(String id, long processed) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (job(id).get("processed").asLong() < processed) {
      assertTrue(System.currentTimeMillis() < deadline, "no progress: " + job(id));
      Thread.sleep(20);
    }
  }

  private static JsonNode awaitDone(String id) throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
    JsonNode state = job(id);
    while (List.of("queued", "running").contains(state.get("status").asText())) {
      assertTrue(System.currentTimeMillis() < deadline, "job did not finish: " + state);
      Thread.sleep(200);
      state = job(id);
    }
    return state;
  }

  /** Documents, passages, entities and relations in Neo4j, and passages in Lucene. */
  private static List<Long> counts(String collection) throws IOException {
    List<Long> counts = new ArrayList<>();
    for (String cypher : List.of(
        "MATCH (d:Document {collection: $c}) RETURN count(d)",
        "MATCH (p:Passage {collection: $c}) RETURN count(p)",
        "MATCH (e:Entity {collection: $c}) RETURN count(e)",
        "MATCH (e:Entity {collection: $c})-[r]->(:Entity) RETURN count(r)")) {
      counts.add(graph.read(tx -> tx.run(cypher, Map.of("c", collection)).single().get(0).asLong()));
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(
        dataDir.resolve("index").resolve(collection)))) {
      counts.add((long) reader.numDocs());
    }
    return counts;
  }
}
