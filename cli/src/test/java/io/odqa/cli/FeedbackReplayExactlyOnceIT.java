package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Record;

/**
 * Effectively-once storage under replay and restart: the same 10,000 events are replayed twice
 * onto the feedback topic, and the packaged service is stopped (SIGTERM) while it is still
 * storing the first copy and started again before the second. In the end Neo4j holds exactly
 * one {@code (:Feedback)} node per event, each delivered at least twice: nothing lost and
 * nothing stored twice. Kafka delivers at least once: a message fetched but not yet committed
 * when the service stops is delivered again after the restart (SmallRye logs "unprocessed
 * messages after closing timeout"), and the store counts that as one more delivery of the same
 * node rather than a second node. Real Kafka and Neo4j.
 */
class FeedbackReplayExactlyOnceIT {
  private static final int EVENTS = 10_000;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String PREFIX = "eo-" + RUN + "-";
  private static final String TOPIC = "odqa.feedback.eo-" + RUN;
  private static final long SETTLE_MILLIS = 300_000;
  private static GraphClient graph;
  private static FeedbackServiceProcess service;

  /** Logs and data of the service, kept in target/ for a post-mortem. */
  private static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    graph = GraphClient.connect(Neo4jSettings.fromEnvironment());
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    dir = Files.createDirectories(Path.of("target", "it-runs", RUN));
    service = new FeedbackServiceProcess(TOPIC, "odqa-feedback-store-eo-" + RUN, dir);
  }

  @AfterAll
  static void tearDown() throws Exception {
    service.stop();
    graph.write(tx -> tx.run("MATCH (f:Feedback) WHERE f.eventId STARTS WITH $p DELETE f",
        Map.of("p", PREFIX)).consume());
    graph.close();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrap());
    try (Admin admin = Admin.create(p)) {
      admin.deleteTopics(List.of(TOPIC)).all().get();
      admin.deleteConsumerGroups(List.of(service.group)).all().get();
    }
  }

  @Test
  void tenThousandEventsReplayedTwiceAcrossARestartAreStoredExactlyOnce()
      throws Exception {
    Path events = events();
    long t0 = System.nanoTime();
    service.start();
    try (JsonlReplay replay = new JsonlReplay(Kafka.bootstrap())) {
      assertEquals(EVENTS, replay.publish(events, TOPIC));
      log(t0, "first replay published");
      awaitStored(1_000);
      long before = stats().get("n").asLong();
      service.stop();
      log(t0, "SIGTERM after " + before + " stored; stopped with "
          + stats().get("n").asLong() + " stored");
      service.start();
      log(t0, "restarted");
      assertEquals(EVENTS, replay.publish(events, TOPIC));
      log(t0, "second replay published");
    }
    Record settled = awaitSettled();
    log(t0, "settled: " + settled);
    assertEquals(EVENTS, settled.get("n").asLong(), "one node per event");
    assertEquals(List.of(), deliveredOnce(), "events (id=deliveries) whose second copy was lost;"
        + " service logs in " + dir.toAbsolutePath());
    assertEquals(0, Kafka.lag(service.group, TOPIC));
  }

  /** EVENTS valid events with unique ids of this run. */
  private static Path events() throws Exception {
    Path file = dir.resolve("events.jsonl");
    long now = System.currentTimeMillis();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < EVENTS; i++) {
        out.write("{\"eventId\": \"" + PREFIX + i + "\", \"collection\": \"it\", \"question\": "
            + "\"question " + i + "?\", \"answer\": \"answer " + i + "\", \"verdict\": \""
            + (i % 3 == 0 ? "correct" : "incorrect") + "\", \"timestampMillis\": " + (now + i)
            + ", \"schemaVersion\": 1}\n");
      }
    }
    return file;
  }

  private static Record stats() {
    return graph.read(tx -> tx.run("""
        MATCH (f:Feedback) WHERE f.eventId STARTS WITH $p
        RETURN count(f) AS n, coalesce(sum(f.deliveries), 0) AS sum,
               coalesce(min(f.deliveries), 0) AS min, coalesce(max(f.deliveries), 0) AS max
        """, Map.of("p", PREFIX)).single());
  }

  /** Up to 20 events of this run delivered fewer than twice, as {@code id=deliveries}. */
  private static List<String> deliveredOnce() {
    return graph.read(tx -> tx.run("""
        MATCH (f:Feedback) WHERE f.eventId STARTS WITH $p AND f.deliveries < 2
        RETURN f.eventId + '=' + f.deliveries AS e ORDER BY f.eventId LIMIT 20
        """, Map.of("p", PREFIX)).list(r -> r.get("e").asString()));
  }

  private static void awaitStored(long atLeast) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    while (stats().get("n").asLong() < atLeast) {
      assertTrue(System.currentTimeMillis() < deadline,
          "fewer than " + atLeast + " stored within 120 s: " + stats());
      Thread.sleep(100);
    }
  }

  /** Waits until every delivery is stored and committed: no lag, and at least 2 per event. */
  private static Record awaitSettled() throws Exception {
    long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
    while (true) {
      Record s = stats();
      long lag = Kafka.lag(service.group, TOPIC);
      if (lag == 0 && s.get("sum").asLong() >= 2L * EVENTS && s.get("min").asLong() >= 2) {
        return s;
      }
      assertTrue(System.currentTimeMillis() < deadline,
          "not settled within " + SETTLE_MILLIS / 1000 + " s: lag " + lag + ", " + s);
      Thread.sleep(1_000);
    }
  }

  private static void log(long t0, String what) {
    System.out.printf("[exactly-once %s] %6.1f s %s%n", RUN, (System.nanoTime() - t0) / 1e9, what);
  }
}
