package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the end-to-end tests share to run the packaged services: the environment of one run
 * (its own topics and data directory on the real Kafka and Neo4j), the models, the demo corpus
 * through ingest's REST API, and removing a collection's nodes from the graph afterwards.
 */
final class TestStack {
  static final Path ROOT = Path.of(System.getProperty("odqa.root", ".."));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestStack() {}

  /** The packaged service's runnable jar. */
  static Path jar(String service) {
    return ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar");
  }

  /** Kafka, the run's config and models topics, and {@code dir/data} as the data directory. */
  static Map<String, String> baseEnv(String run, Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", Kafka.bootstrap());
    env.put("ODQA_DATA_DIR", dir.resolve("data").toString());
    env.put("ODQA_CONFIG_TOPIC", "odqa.config.it-" + run);
    env.put("ODQA_MODELS_TOPIC", "odqa.models.it-" + run);
    env.put("DJL_OFFLINE", "true");
    return env;
  }

  /** Ingest's environment: the run's documents topic and the dense encoder. */
  static Map<String, String> ingestEnv(Map<String, String> base, String run, Path encoder) {
    Map<String, String> env = new HashMap<>(base);
    env.put("ODQA_DOCUMENTS_TOPIC", "odqa.documents.it-" + run);
    env.put("ODQA_INGEST_EMBED_MODEL_DIR", encoder.toString());
    return env;
  }

  /** qa-service's environment: the shipped reader and graph models, the dense encoder. */
  static Map<String, String> qaEnv(Map<String, String> base, Path encoder) {
    Map<String, String> env = new HashMap<>(base);
    env.put("ODQA_READER_MODEL_DIR", ROOT.resolve("models/reader").toAbsolutePath().toString());
    env.put("ODQA_KGQA_MODEL", ROOT.resolve("models/kgqa/paths.json").toAbsolutePath()
        .toString());
    env.put("ODQA_DENSE_MODEL_DIR", encoder.toString());
    return env;
  }

  /** bge-small converted as `./odqa up` does, in its own JVM, once per build tree. */
  static Path denseEncoder() throws IOException, InterruptedException {
    Path out = ROOT.resolve("ingest/target/models/bge-small").toAbsolutePath();
    if (Files.isRegularFile(out.resolve("model.safetensors"))) {
      return out;
    }
    Path reader = ROOT.resolve("reader/target");
    String classpath = reader.resolve("classes") + ":"
        + Files.readString(reader.resolve("classpath.txt")).strip();
    Process p = new ProcessBuilder("java", "-cp", classpath,
        "io.odqa.reader.convert.OnnxBertConverter", "bge-small", out.toString())
        .inheritIO().start();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0, "bge-small conversion");
    return out;
  }

  /** The demo corpus and facts into {@code collection}; waits until both jobs are done. */
  static void ingestDemo(ServiceProcess ingest, String collection) throws Exception {
    launcherIngest(ingest, "demo/corpus.jsonl", collection);
    awaitIngest(ingest, submit(ingest, "/api/v1/triples?format=pipe", "demo/facts.txt",
        collection));
  }

  /**
   * Ingests {@code file} with {@code ./odqa ingest}, as an operator does after {@code ./odqa up}:
   * the launcher finds the API key only in {@code $ODQA_HOME/keys/keys.env}, none is in its
   * environment, and it follows the job until it is done.
   */
  private static void launcherIngest(ServiceProcess ingest, String file, String collection)
      throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("odqa-home-");
    Files.createDirectories(home.resolve("keys"));
    Files.writeString(home.resolve("keys/keys.env"),
        "ODQA_API_KEY='" + ServiceProcess.OPERATOR_KEY + "'\n");
    ProcessBuilder pb = new ProcessBuilder("bash", "odqa", "ingest", "--collection", collection,
        file).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(home.resolve("ingest.log").toFile());
    pb.environment().remove("ODQA_API_KEY");
    pb.environment().remove("ODQA_API_KEYS");
    pb.environment().put("ODQA_HOME", home.toString());
    pb.environment().put("ODQA_INGEST_URL", ingest.url());
    Process p = pb.start();
    boolean ended = p.waitFor(600, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(home.resolve("ingest.log"));
    assertTrue(ended, "./odqa ingest did not end in 600 s: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("failed_files=0"), out);
  }

  private static String submit(ServiceProcess ingest, String path, String file,
      String collection) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(ServiceProcess.request(ingest.url() + path
            + "&collection=" + collection)
        .POST(HttpRequest.BodyPublishers.ofFile(ROOT.resolve(file))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
    return LoopEndToEndIT.JSON.readTree(r.body()).path("jobId").asText();
  }

  /** Waits until ingest job {@code id} is written, extracted and embedded. */
  static void awaitIngest(ServiceProcess ingest, String id) throws Exception {
    long deadline = System.currentTimeMillis() + 600_000;
    JsonNode j = null;
    while (System.currentTimeMillis() < deadline) {
      j = LoopEndToEndIT.get(ingest.url() + "/api/v1/jobs/" + id);
      String status = j.path("status").asText();
      assertNotEquals("failed", status, j.toString());
      if ("done".equals(status)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("ingest job " + id + " did not finish: " + j);
  }

  /** Removes {@code collection}'s nodes, and the studies of its retune jobs, from Neo4j. */
  static void deleteGraph(String collection) {
    try (GraphClient graph = GraphClient.connect(Neo4jSettings.fromEnvironment())) {
      graph.write(tx -> tx.run("""
          MATCH (j:Job {collection: $c}) MATCH (s:Study {name: 'retune-' + j.id})
          OPTIONAL MATCH (s)-[:HAS_TRIAL]->(t:Trial) DETACH DELETE t, s""",
          Map.of("c", collection)).consume());
      graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
          Map.of("c", collection)).consume());
    }
  }
}
