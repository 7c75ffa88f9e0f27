package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Champion;
import io.odqa.core.model.Document;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.model.Promotion;
import io.odqa.core.text.SentenceChunker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Promotions read from the config and models topics take effect, {@code /ask} reports the new
 * versions, and {@code POST /api/v1/admin/rollback} brings the previous champion back. Real
 * Kafka, a real reader model (two copies of it under different versions).
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class ChampionsTest {
  @Inject QaConfig config;
  @Inject ObjectMapper mapper;
  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap;
  @ConfigProperty(name = "mp.messaging.incoming.pipeline-config.topic") String configTopic;
  @ConfigProperty(name = "mp.messaging.incoming.models.topic") String modelsTopic;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  final String collection = "champ-" + run;

  @Test
  void configPromotionsApplyAndRollBack() throws Exception {
    PipelineConfig base = given().get("/api/v1/config").as(PipelineConfig.class);
    PipelineConfig a = variant(base, "a-" + run, 3);
    PipelineConfig b = variant(base, "b-" + run, 4);
    publish(configTopic, new Promotion("config", a.version(), a, null, null, "test", Map.of(), 1));
    awaitValue(() -> given().get("/api/v1/config").path("version"), a.version());
    publish(configTopic, new Promotion("config", b.version(), b, null,
        new Champion(a.version(), a, null), "test", Map.of("delta", 0.1), 2));
    awaitValue(() -> given().get("/api/v1/config").path("version"), b.version());
    given().get("/api/v1/champions").then().statusCode(200)
        .body("config.version", equalTo(b.version())).body("config.previous", equalTo(a.version()));

    given().contentType("application/json").body("{\"kind\": \"config\"}")
        .post("/api/v1/admin/rollback").then().statusCode(200)
        .body("from", equalTo(b.version())).body("to", equalTo(a.version()));
    given().get("/api/v1/config").then().body("version", equalTo(a.version()))
        .body("topK", equalTo(3));
    writeIndex();
    given().contentType("application/json")
        .body("{\"question\": \"Who built the compiler?\", \"collection\": \"" + collection + "\"}")
        .post("/api/v1/ask").then().statusCode(200).body("configVersion", equalTo(a.version()));
  }

  @Test
  void modelPromotionSwapsAndRollsBack() throws Exception {
    String before = given().get("/api/v1/champions").path("model.version");
    Path copy = copyModel("promoted-" + run);
    publish(modelsTopic, new Promotion("model", "promoted-" + run, null, copy.toString(), null,
        "test", Map.of(), 3));
    awaitValue(() -> given().get("/api/v1/champions").path("model.version"), "promoted-" + run);
    writeIndex();
    given().contentType("application/json")
        .body("{\"question\": \"Who built the compiler?\", \"collection\": \"" + collection + "\"}")
        .post("/api/v1/ask").then().statusCode(200).body("modelVersion", equalTo("promoted-" + run));
    given().contentType("application/json").body("{\"kind\": \"model\"}")
        .post("/api/v1/admin/rollback").then().statusCode(200)
        .body("to", equalTo(before));
    awaitValue(() -> given().get("/api/v1/champions").path("model.version"), before);
  }

  @Test
  void badRollbacksAreRefused() {
    given().contentType("application/json").body("{\"kind\": \"index\"}")
        .post("/api/v1/admin/rollback").then().statusCode(400);
    given().contentType("application/json").body("")
        .post("/api/v1/admin/rollback").then().statusCode(400);
  }

  static PipelineConfig variant(PipelineConfig base, String version, int topK) {
    return new PipelineConfig(version, topK, base.bm25K1(), base.bm25B(), base.titleBoost(),
        base.reader(), base.fusion(), base.graph());
  }

  /** The test model copied under {@code version} (its VERSION file), as a registry would hold it. */
  Path copyModel(String version) throws IOException {
    Path source = config.reader().modelDir().orElseThrow();
    Path target = Path.of("target", "models", version).toAbsolutePath();
    Files.createDirectories(target);
    try (var files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.writeString(target.resolve("VERSION"), version);
    return target;
  }

  void publish(String topic, Promotion p) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, p.version(), mapper.writeValueAsString(p)))
          .get(10, TimeUnit.SECONDS);
    }
  }

  static void awaitValue(Supplier<Object> actual, String expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    Object last = null;
    while (System.currentTimeMillis() < deadline) {
      last = actual.get();
      if (expected.equals(last)) {
        return;
      }
      Thread.sleep(200);
    }
    fail("expected " + expected + " within 60 s, last saw " + last);
  }

  void writeIndex() throws IOException {
    SentenceChunker chunker = new SentenceChunker(500, 0);
    try (PassageIndexWriter writer =
        PassageIndexWriter.open(config.dataDir().resolve("index").resolve(collection))) {
      Document d = new Document("hopper", "Grace Hopper",
          "Grace Hopper led the team that built the first COBOL compiler.");
      writer.upsert(d.id(), d.title(), chunker.chunk(d));
      writer.commit();
    }
    assertTrue(Files.isDirectory(config.dataDir().resolve("index").resolve(collection)));
  }
}
