package io.odqa.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the ITs read from the real broker: consumer lag and records of a topic. */
final class Kafka {
  private Kafka() {}

  static String bootstrap() {
    String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    return env == null || env.isBlank() ? "127.0.0.1:9092" : env;
  }

  /** The {@code cleanup.policy} of {@code topic}. */
  static String cleanupPolicy(String topic) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    try (Admin admin = Admin.create(p)) {
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      return admin.describeConfigs(List.of(r)).all().get().get(r).get("cleanup.policy").value();
    }
  }

  /**
   * Messages of {@code topic} not yet committed by {@code group}, summed over partitions; -1
   * while the group has committed nothing on the topic.
   */
  static long lag(String group, String topic) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetAndMetadata> mine = committed.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      if (mine.isEmpty()) {
        return -1;
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
          mine.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
          .all().get();
      return mine.entrySet().stream()
          .mapToLong(e -> ends.get(e.getKey()).offset() - e.getValue().offset()).sum();
    }
  }

  /** The first record of {@code topic} (from its start) that {@code wanted} accepts, if any. */
  static ConsumerRecord<String, String> find(String topic, Predicate<ConsumerRecord<String, String>> wanted,
      Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "odqa-cli-it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (wanted.test(r)) {
            return r;
          }
        }
      }
      return null;
    }
  }
}
