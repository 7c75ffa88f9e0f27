package io.odqa.qa.champion;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Ready only once the champions promoted before this start are in force. At start the end
 * offsets of the config and models topics are read; the service is ready when the listener has
 * applied (or rejected) every record before them and loaded the models they name. A restarted replica thus never answers with
 * the default config or the base reader while the promoted ones still wait on the topics (the
 * fault test's {@code kill -9} of qa-service saw 5 to 14 s of such answers). When Kafka cannot
 * tell the end offsets within the timeout, the service serves what it has and says so here.
 * This is about the start only: once in force, later promotions are hot swaps while the
 * previous champion keeps answering, and readiness stays UP.
 */
@Readiness
@ApplicationScoped
public class ChampionsReadiness implements HealthCheck {
  private static final Logger LOG = Logger.getLogger(ChampionsReadiness.class);

  private final Champions champions;
  private final String bootstrap;
  private final List<String> topics;
  private final Duration timeout;
  private final Map<TopicPartition, Long> target = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
  private volatile String state = "reading the end of the champion topics";
  private volatile boolean targetKnown;
  private volatile boolean inForceOnce;

  ChampionsReadiness(Champions champions,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
      @ConfigProperty(name = "mp.messaging.incoming.pipeline-config.topic") String configTopic,
      @ConfigProperty(name = "mp.messaging.incoming.models.topic") String modelsTopic,
      ChampionsConfig config) {
    this.champions = champions;
    this.bootstrap = bootstrap;
    this.topics = List.of(configTopic, modelsTopic);
    this.timeout = config.catchUpTimeout();
  }

  void onStart(@Observes StartupEvent event) {
    Thread t = new Thread(this::readEnds, "champion-topic-ends");
    t.setDaemon(true);
    t.start();
  }

  private void readEnds() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos != null) {
          infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
      }
      target.putAll(consumer.endOffsets(partitions, timeout));
      targetKnown = true;
      state = "catching up";
    } catch (KafkaException e) {
      LOG.warnf("cannot read the end of the champion topics (%s); serving the champions in force"
          + " without waiting for them", e.getMessage());
      state = "end offsets unknown: " + e.getMessage();
    }
  }

  /** Notes that {@code message} of the config or models topic has been applied or rejected. */
  public void applied(Message<?> message) {
    message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(m -> applied.merge(
        new TopicPartition(m.getTopic(), m.getPartition()), m.getOffset() + 1, Math::max));
  }

  /**
   * Whether answers may be given: the champions are in force, or Kafka could not say which
   * they are (then the ones in force are all there is).
   */
  public boolean inForce() {
    if (!inForceOnce) {
      // Latched: later promotions hot-swap while the previous champion keeps answering.
      inForceOnce = targetKnown ? caughtUp() : state.startsWith("end offsets unknown");
    }
    return inForceOnce;
  }

  private boolean caughtUp() {
    return champions.settled() && target.entrySet().stream()
        .allMatch(e -> applied.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  @Override
  public HealthCheckResponse call() {
    boolean up = inForce();
    if (up && targetKnown && !"caught up".equals(state)) {
      state = "caught up";
    }
    return HealthCheckResponse.named("champions").status(up).withData("state", state)
        .withData("behind", target.entrySet().stream()
            .mapToLong(e -> Math.max(0, e.getValue() - applied.getOrDefault(e.getKey(), 0L)))
            .sum())
        .build();
  }
}
