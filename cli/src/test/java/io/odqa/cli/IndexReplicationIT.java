package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Index replication between the packaged services (docs/architecture/index-replication.md):
 * ingest and a qa-service replica on different data directories; documents ingested over REST
 * are answered by the replica, a deleted one disappears from it, and the replica's copy is its
 * own. Needs Kafka and Neo4j ({@code deployments/local/infra.sh start all}) and both services
 * packaged.
 */
class IndexReplicationIT {
  private static final Path ROOT = Path.of(System.getProperty("odqa.root", ".."));
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long REPLICATION_WAIT_MILLIS = 60_000;

  @Test
  void aReplicaOnItsOwnDiskAnswersFromIngestedDocuments() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String collection = "replica-" + run;
    Path dir = Files.createTempDirectory("odqa-replication-it");
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", Kafka.bootstrap());
    env.put("ODQA_CONFIG_TOPIC", "odqa.config.replication-" + run);
    env.put("ODQA_MODELS_TOPIC", "odqa.models.replication-" + run);
    env.put("DJL_OFFLINE", "true");
    Map<String, String> ingestEnv = new HashMap<>(env);
    ingestEnv.put("ODQA_DATA_DIR", dir.resolve("ingest-data").toString());
    ingestEnv.put("ODQA_DOCUMENTS_TOPIC", "odqa.documents.replication-" + run);
    ingestEnv.put("ODQA_INGEST_EXTRACT_ENABLED", "false");
    ingestEnv.put("ODQA_INGEST_EMBED_ENABLED", "false");
    try (ServiceProcess ingest = ServiceProcess.start("ingest", jar("ingest"), ingestEnv, dir)) {
      Map<String, String> qaEnv = new HashMap<>(env);
      qaEnv.put("ODQA_DATA_DIR", dir.resolve("replica-data").toString());
      qaEnv.put("ODQA_REPLICATION_SOURCE", ingest.url());
      qaEnv.put("ODQA_REPLICATION_INTERVAL", "1s");
      try (ServiceProcess qa = ServiceProcess.start("qa-service", jar("qa-service"), qaEnv,
          dir)) {
        awaitJob(ingest, submit(ingest, collection,
            "{\"id\": \"lucene\", \"title\": \"Lucene\", \"text\": \"Apache Lucene was created "
                + "by Doug Cutting in 1999.\"}\n{\"id\": \"neo4j\", \"title\": \"Neo4j\", "
                + "\"text\": \"Neo4j is a graph database written in Java.\"}"));
        long t0 = System.currentTimeMillis();
        JsonNode answer = awaitAnswer(qa, collection, "Who created Lucene?",
            a -> a.path("answers").toString().contains("\"docId\":\"lucene\""));
        System.out.printf("replica answered from the new documents %d ms after the job was "
            + "done%n", System.currentTimeMillis() - t0);
        assertTrue(answer.path("answers").toString().contains("Doug Cutting"), answer.toString());
        assertTrue(Files.isDirectory(dir.resolve("replica-data/index").resolve(collection)),
            "the replica has its own copy");

        HttpResponse<String> deleted = HTTP.send(ServiceProcess.request(ingest.url()
            + "/api/v1/documents/neo4j?collection=" + collection).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, deleted.statusCode(), deleted.body());
        long deadline = System.currentTimeMillis() + REPLICATION_WAIT_MILLIS;
        int status = 200;
        while (status == 200 && System.currentTimeMillis() < deadline) {
          Thread.sleep(250);
          status = HTTP.send(ServiceProcess.request(qa.url() + "/api/v1/documents/neo4j/passages"
              + "?collection=" + collection).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode();
        }
        assertEquals(404, status, "the deleted document vanished from the replica");

        JsonNode health = LoopEndToEndIT.get(qa.url() + "/q/health/ready");
        String check = health.path("checks").toString();
        assertTrue(check.contains("\"mode\":\"replica\""), check);
        assertTrue(check.contains(collection + ".version"), check);
        assertNotEquals(-1, check.indexOf(collection + ".bytesCopied"), check);
      }
    }
  }

  private static JsonNode awaitAnswer(ServiceProcess qa, String collection, String question,
      Predicate<JsonNode> done) throws Exception {
    long deadline = System.currentTimeMillis() + REPLICATION_WAIT_MILLIS;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> r = HTTP.send(ServiceProcess.request(qa.url() + "/api/v1/ask")
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(LoopEndToEndIT.JSON.writeValueAsString(
              Map.of("question", question, "collection", collection)))).build(),
          HttpResponse.BodyHandlers.ofString());
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200) {
        JsonNode body = LoopEndToEndIT.JSON.readTree(r.body());
        if (done.test(body)) {
          return body;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the replica did not answer from the new documents: " + last);
  }

  private static String submit(ServiceProcess ingest, String collection, String ndjson)
      throws Exception {
    HttpResponse<String> r = HTTP.send(ServiceProcess.request(ingest.url()
            + "/api/v1/documents?format=jsonl&collection=" + collection)
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
    return LoopEndToEndIT.JSON.readTree(r.body()).path("jobId").asText();
  }

  private static void awaitJob(ServiceProcess ingest, String id) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    JsonNode job = null;
    while (System.currentTimeMillis() < deadline) {
      job = LoopEndToEndIT.get(ingest.url() + "/api/v1/jobs/" + id);
      assertNotEquals("failed", job.path("status").asText(), job.toString());
      if ("done".equals(job.path("status").asText())) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("ingest job " + id + " did not finish: " + job);
  }

  private static Path jar(String service) {
    return ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar");
  }
}
