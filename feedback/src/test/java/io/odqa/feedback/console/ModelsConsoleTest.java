package io.odqa.feedback.console;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.kg.GraphClient;
import io.odqa.kg.qa.GraphModel;
import io.odqa.reader.refresh.ModelMetadata;
import io.odqa.reader.refresh.RefreshSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry over a temporary directory holding versions written the way the refresh jobs
 * write them, with qa-service unreachable; a manual promotion goes out on the real broker.
 */
@QuarkusTest
@TestProfile(ModelsConsoleTest.TempRegistry.class)
class ModelsConsoleTest {
  private static final String MODELS_TOPIC = "odqa.models.feedback-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A fresh registry directory, and a qa-service URL nothing answers on. */
  public static class TempRegistry implements QuarkusTestProfile {
    static final Path REGISTRY = temp();

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("odqa.loop.refresh.registry-dir", REGISTRY.toString(),
          "odqa.qa.url", "http://127.0.0.1:1");
    }

    private static Path temp() {
      try {
        return Files.createTempDirectory("odqa-registry-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Inject GraphClient graph;

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String collection = "console-" + id;
  private final String first = "reader-a" + id;
  private final String second = "reader-b" + id;
  private final String graphVersion = "graph-c" + id;

  @BeforeEach
  void writeRegistry() throws IOException {
    reader(first, "shipped-reader", "2024-01-01T00:00:00Z");
    reader(second, first, "2024-01-02T00:00:00Z");
    // As GraphRefreshJob writes it: a metadata map with created_at_millis, and paths.json.
    Path dir = Files.createDirectories(TempRegistry.REGISTRY.resolve(graphVersion));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("version", graphVersion);
    metadata.put("parent", "shipped-graph");
    metadata.put("job", "graph-refresh-" + id);
    metadata.put("collection", collection);
    metadata.put("kb_edges", 1234);
    metadata.put("created_at_millis", Instant.parse("2024-01-03T00:00:00Z").toEpochMilli());
    Files.writeString(dir.resolve(GraphModel.CLASSIFIER_FILE), "{}");
    JSON.writeValue(dir.resolve("metadata.json").toFile(), metadata);
    // A version still being written is not listed.
    Files.createDirectories(TempRegistry.REGISTRY.resolve(".reader-partial-" + id));
  }

  @AfterEach
  void cleanUp() throws IOException {
    graph.write(tx -> tx.run("MATCH (d:Decision {collection: $c}) DELETE d",
        Map.of("c", collection)).consume());
    try (var files = Files.walk(TempRegistry.REGISTRY)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(TempRegistry.REGISTRY)) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void versionsAreListedNewestFirstWithLineage() {
    JsonPath models = given().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
    assertNull(models.get("active"), "qa-service is unreachable, so no champion is known");
    assertEquals(3, models.getInt("total"));
    assertEquals(List.of(graphVersion, second, first), models.getList("items.version"));
    assertEquals(List.of("graph", "reader", "reader"), models.getList("items.kind"));
    assertEquals(Instant.parse("2024-01-02T00:00:00Z").toEpochMilli(),
        models.getLong("items[1].createdAtMillis"));
    assertEquals(first, models.getString("items[1].parent"));
    assertEquals(List.of(first, "shipped-reader"), models.getList("items[1].lineage"));
    assertEquals("shipped-reader", models.getString("items[1].base"));
    assertEquals(7, models.getInt("items[1].metrics.steps"));
    assertEquals(30, models.getInt("items[1].metrics.examples.feedback"));
    assertEquals(collection, models.getString("items[0].collection"));
    assertEquals(1234, models.getInt("items[0].metrics.kb_edges"));
    assertEquals(List.of("shipped-graph"), models.getList("items[0].lineage"));
    assertEquals(List.of(false, false, false), models.getList("items.active"));
    given().queryParam("limit", 1).queryParam("offset", 1).get("/api/v1/models").then()
        .statusCode(200).body("total", equalTo(3)).body("items.version", equalTo(List.of(second)));
  }

  @Test
  void promotionChecksTheVersion() {
    given().contentType("application/json").body("{}").post("/api/v1/models/reader-nope-" + id
        + "/promote").then().statusCode(404).contentType("application/problem+json");
    for (String bad : List.of("a..b", "-x", ".hidden", "..%2F..%2Fetc")) {
      given().urlEncodingEnabled(false).contentType("application/json").body("{}")
          .post("/api/v1/models/" + bad + "/promote").then().statusCode(400)
          .contentType("application/problem+json");
    }
    given().urlEncodingEnabled(false).contentType("application/json").body("{}")
        .post("/api/v1/models/a..b/promote").then()
        .body("detail", containsString("version must match"));
  }

  @Test
  void promotionIsRecordedAndPublished() throws Exception {
    given().contentType("application/json")
        .body(Map.of("reason", "operator test", "collection", collection))
        .post("/api/v1/models/" + second + "/promote").then().statusCode(202)
        .body("kind", equalTo("model"))
        .body("version", equalTo(second))
        .body("dir", equalTo(TempRegistry.REGISTRY.resolve(second).toString()))
        .body("reason", equalTo("manual promotion: operator test"))
        .body("previous", nullValue());
    given().post("/api/v1/models/" + graphVersion + "/promote").then().statusCode(202)
        .body("kind", equalTo("graph"));

    JsonPath decisions = given().queryParam("collection", collection).get("/api/v1/decisions")
        .then().statusCode(200).extract().jsonPath();
    assertEquals(2, decisions.getInt("total"));
    assertEquals(List.of("manual", "manual"), decisions.getList("items.decision"));
    assertEquals(List.of(graphVersion, second), decisions.getList("items.candidate"));
    given().get("/api/v1/models").then().body("items.find { it.version == '" + second
        + "' }.decision.decision", equalTo("manual"));

    String message = published(second);
    assertTrue(message.contains("\"kind\":\"model\""), message);
    assertTrue(message.contains("manual promotion: operator test"), message);
  }

  private void reader(String version, String parent, String createdAt) throws IOException {
    // As ReaderRefresh writes it: ModelMetadata in the version's directory.
    Path dir = Files.createDirectories(TempRegistry.REGISTRY.resolve(version));
    Files.writeString(dir.resolve("VERSION"), version);
    new ModelMetadata(version, parent, "fp-" + version, new ModelMetadata.Examples(30, 30),
        new RefreshSettings(2, 16, 5e-5f, 2, 0, 384, 128, 1), 12.5, 7, 0.75, 0, createdAt)
        .write(dir);
  }

  /** The value of the message keyed {@code key} on the models topic. */
  private static String published(String key) {
    Properties p = new Properties();
    p.put("bootstrap.servers", "127.0.0.1:9092");
    p.put("group.id", "models-console-test-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p,
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(MODELS_TOPIC));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(r.key())) {
            return r.value();
          }
        }
      }
    }
    throw new AssertionError("no message keyed " + key + " on " + MODELS_TOPIC + " in 30 s");
  }
}
