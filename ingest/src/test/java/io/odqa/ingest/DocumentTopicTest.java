package io.odqa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Documents published on the real Kafka broker end up in the real Neo4j server. */
@QuarkusTest
class DocumentTopicTest {
  @Inject GraphClient graph;
  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap;
  @ConfigProperty(name = "mp.messaging.incoming.documents-in.topic") String topic;

  private final String collection = "topic-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void drop() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void topicDocumentsAreIngestedAndBadMessagesSkipped() throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "{not json")).get(10, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topic, "{\"collection\": \"" + collection
          + "\", \"id\": \"k1\", \"text\": \"Kafka keeps an ordered log.\"}")).get(10, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topic, "{\"collection\": \"" + collection
          + "\", \"documents\": [{\"id\": \"k2\", \"text\": \"Consumers track offsets.\"}, "
          + "{\"id\": \"k3\"}]}")).get(10, TimeUnit.SECONDS);
    }
    long deadline = System.currentTimeMillis() + 60_000;
    while (count() < 2) {
      if (System.currentTimeMillis() > deadline) {
        fail("documents from the topic were not ingested within 60 s; saw " + count());
      }
      Thread.sleep(250);
    }
    Thread.sleep(1000);
    assertEquals(2L, count(), "k3 has no text and is rejected");
  }

  private long count() {
    return graph.read(tx -> tx.run("MATCH (d:Document {collection: $c}) RETURN count(d)",
        Map.of("c", collection)).single().get(0).asLong());
  }
}
