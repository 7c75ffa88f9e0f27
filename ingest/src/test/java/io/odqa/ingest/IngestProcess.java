package io.odqa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.api.ApiKey;
import io.odqa.service.testing.AsOperator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The packaged ingest service ({@code quarkus-run.jar}) as a process of its own, for the tests
 * that kill it with SIGKILL and start it again on the same data directory.
 */
final class IngestProcess {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dataDir;
  private final Map<String, String> env;
  private final int port;
  private Process process;

  /** A service on a free port over {@code dataDir}, with {@code env} added to its environment. */
  IngestProcess(Path dataDir, Map<String, String> env) throws IOException {
    this.dataDir = dataDir;
    this.env = Map.copyOf(env);
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
  }

  /** Starts the service and waits until it listens; its log goes to a new file in the data dir. */
  void start() throws IOException, InterruptedException {
    Path log = dataDir.resolve("service-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m",
        "-Dquarkus.http.port=" + port, "-jar", System.getProperty("odqa.ingest.jar"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("ODQA_DATA_DIR", dataDir.toString());
    // The test profile's operator key, accepted by the packaged service too.
    builder.environment().put("ODQA_API_KEYS",
        "it:operator|viewer:" + ApiKey.sha256(AsOperator.KEY));
    builder.environment().putAll(env);
    process = builder.start();
    long deadline = System.currentTimeMillis() + 180_000;
    while (!Files.readString(log).contains("Listening on")) {
      assertTrue(process.isAlive() && System.currentTimeMillis() < deadline,
          "ingest did not start:\n" + Files.readString(log));
      Thread.sleep(200);
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM, and waits for a clean shutdown. */
  void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /** Posts {@code corpus} (JSONL) to {@code collection}; returns the job id. */
  String submit(String collection, byte[] corpus) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + "/api/v1/documents?format=jsonl&collection=" + collection))
        .header(ApiKey.HEADER, AsOperator.KEY).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(corpus)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("jobId").asText();
  }

  /** The job's state as the service reports it. */
  JsonNode job(String id) throws IOException, InterruptedException {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/api/v1/jobs/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** The job's state as last saved on disk (what a restart resumes from). */
  JsonNode savedJob(String id) throws IOException {
    return JSON.readTree(Files.readString(dataDir.resolve("jobs").resolve(id).resolve("job.json")));
  }

  /** Polls the job until {@code condition} holds; fails after {@code seconds}. */
  JsonNode await(String id, Predicate<JsonNode> condition, String what, long seconds)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000;
    JsonNode state = job(id);
    while (!condition.test(state)) {
      assertTrue(System.currentTimeMillis() < deadline, "no " + what + " in " + seconds + " s: " + state);
      Thread.sleep(50);
      state = job(id);
    }
    return state;
  }

  /** Polls the job until it is neither queued nor running. */
  JsonNode awaitFinished(String id, long seconds) throws IOException, InterruptedException {
    return await(id, s -> !List.of("queued", "running").contains(s.get("status").asText()),
        "end of the job", seconds);
  }
}
