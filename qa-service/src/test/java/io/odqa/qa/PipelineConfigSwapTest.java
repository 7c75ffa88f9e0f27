package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Through the real Kafka broker: a config published on the config topic becomes the config in
 * force; an invalid one is ignored. Also checks that the service reaches the real Neo4j.
 */
@QuarkusTest
class PipelineConfigSwapTest {

  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap;
  @ConfigProperty(name = "mp.messaging.incoming.pipeline-config.topic") String topic;

  @Test
  void publishedConfigIsAppliedAndInvalidOneIgnored() throws Exception {
    String version = "test-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(topic, "pipeline", "{\"version\": \"bad\", \"topK\": 0}"))
          .get(10, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topic, "pipeline", "{\"version\": \"" + version
          + "\", \"topK\": 3, \"bm25K1\": 1.2, \"bm25B\": 0.75, \"titleBoost\": 0.0, "
          + "\"reader\": {\"passages\": 3, \"windowTokens\": 256, \"stride\": 64, "
          + "\"maxAnswerTokens\": 20, \"minScore\": 0.0, \"passageWeight\": 1.0}, "
          + "\"fusion\": {\"kgWeight\": 0.3}}"))
          .get(10, TimeUnit.SECONDS);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (!version.equals(given().get("/api/v1/config").path("version"))) {
      if (System.currentTimeMillis() > deadline) {
        fail("config " + version + " was not applied within 30 s");
      }
      Thread.sleep(200);
    }
    given().get("/api/v1/config").then().statusCode(200)
        .body("topK", equalTo(3)).body("bm25B", equalTo(0.75f));
    assertEquals(version, given().get("/api/v1/config").path("version"));
  }

  @Test
  void readinessReportsTheRealNeo4j() {
    given().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'neo4j' }.data.available", equalTo(true));
  }

  private KafkaProducer<String, String> producer() {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "all");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }
}
