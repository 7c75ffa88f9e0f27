package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the lines of a JSONL file to a Kafka topic, one record per non-empty line, in file
 * order. A line that is a JSON object with a non-empty string {@code eventId} is keyed by it, as
 * the feedback service keys what it publishes, so repeats of an event share a partition; any
 * other line is sent unkeyed and unchanged. Lines are not validated: a malformed one is the
 * consumer's to reject (it goes to the dead-letter topic), which is how the DLQ is exercised.
 *
 * <p>The producer is idempotent with {@code acks=all}: a retried send is not duplicated on the
 * topic, and {@link #publish} returns only when every record is acknowledged.
 */
public final class JsonlReplay implements AutoCloseable {
  private final KafkaProducer<String, String> producer;

  /** A producer for the cluster at {@code bootstrapServers} (host:port[,host:port...]). */
  public JsonlReplay(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must be host:port[,...], got '"
          + bootstrapServers + "'");
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "odqa-feedback-replay");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // A broker that is down fails the first send after 30 s instead of hanging for a minute.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /**
   * Sends every non-empty line of {@code file} to {@code topic} and waits for the acks.
   *
   * @return the number of records acknowledged, which is the number of non-empty lines
   * @throws IOException when the file cannot be read
   * @throws CliFailure when Kafka did not acknowledge a record
   */
  public long publish(Path file, String topic) throws IOException {
    AtomicLong acked = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null && failure.get() == null) {
        if (line.isBlank()) {
          continue;
        }
        producer.send(new ProducerRecord<>(topic, eventId(line).orElse(null), line),
            (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
              } else {
                failure.compareAndSet(null, error);
              }
            });
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new CliFailure("Kafka refused a record for topic " + topic + ": " + e.getMessage(), e);
    }
    producer.flush();
    if (failure.get() != null) {
      throw new CliFailure("Kafka did not acknowledge a record for topic " + topic + " ("
          + acked.get() + " were): " + failure.get().getMessage(), failure.get());
    }
    return acked.get();
  }

  /** The record key of {@code line}: its {@code eventId} when it is a JSON object with one. */
  static Optional<String> eventId(String line) {
    try {
      JsonNode node = Output.JSON.readTree(line);
      if (node != null && node.isObject() && node.path("eventId").isTextual()
          && !node.get("eventId").asText().isEmpty()) {
        return Optional.of(node.get("eventId").asText());
      }
    } catch (IOException e) {
      // not JSON: published unkeyed, for the consumer to dead-letter
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    producer.close();
  }
}
