package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The dead-letter topic of the packaged feedback service, fed by {@code ./odqa feedback
 * replay}: a valid event is stored; a line that is not JSON and an event with an illegal
 * verdict are not stored but land on {@code <topic>.dlq}, with a {@code dead-letter-reason}
 * header. Real Kafka, real Neo4j.
 */
class FeedbackDlqIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String TOPIC = "odqa.feedback.it-" + RUN;
  private static GraphClient graph;
  private static FeedbackServiceProcess service;

  /** Logs and data of the service, kept in target/ for a post-mortem. */
  private static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    graph = GraphClient.connect(Neo4jSettings.fromEnvironment());
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    dir = Files.createDirectories(Path.of("target", "it-runs", RUN));
    service = new FeedbackServiceProcess(TOPIC, "odqa-feedback-store-it-" + RUN, dir);
    service.start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    service.stop();
    graph.write(tx -> tx.run("MATCH (f:Feedback) WHERE f.eventId STARTS WITH $p DELETE f",
        Map.of("p", "it-" + RUN)).consume());
    graph.close();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrap());
    try (Admin admin = Admin.create(p)) {
      admin.deleteTopics(List.of(TOPIC, TOPIC + ".dlq")).all().get();
    }
  }

  @Test
  void malformedLinesGoToTheDeadLetterTopicAndValidEventsAreStored() throws Exception {
    String valid = "{\"eventId\": \"it-" + RUN + "-ok\", \"collection\": \"it\", "
        + "\"question\": \"Who wrote Hamlet?\", \"answer\": \"Shakespeare\", "
        + "\"verdict\": \"correct\", \"timestampMillis\": " + System.currentTimeMillis()
        + ", \"schemaVersion\": 1}";
    String notJson = "not an event {" + RUN;
    String badVerdict = "{\"eventId\": \"it-" + RUN + "-meh\", \"collection\": \"it\", "
        + "\"question\": \"q\", \"answer\": \"a\", \"verdict\": \"meh\"}";
    Path file = Files.writeString(dir.resolve("events.jsonl"),
        valid + "\n" + notJson + "\n" + badVerdict + "\n", StandardCharsets.UTF_8);

    JsonNode report = replay(file);
    assertEquals(3, report.get("published").asLong(), report.toString());
    assertEquals(TOPIC, report.get("topic").asText());

    assertEquals(200, awaitStored("it-" + RUN + "-ok"));
    for (String line : List.of(notJson, badVerdict)) {
      ConsumerRecord<String, String> dead = Kafka.find(TOPIC + ".dlq",
          r -> line.equals(r.value()), Duration.ofSeconds(60));
      assertNotNull(dead, "not on " + TOPIC + ".dlq within 60 s: " + line);
      StringBuilder headers = new StringBuilder();
      for (Header h : dead.headers()) {
        headers.append("\n  ").append(h.key()).append(" = ")
            .append(h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8));
      }
      System.out.println("DLQ record key=" + dead.key() + " headers:" + headers);
      Header reason = dead.headers().lastHeader("dead-letter-reason");
      assertNotNull(reason, "no dead-letter-reason header; headers:" + headers);
      assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("invalid feedback"),
          "reason: " + new String(reason.value(), StandardCharsets.UTF_8));
    }
    assertEquals(404, status("it-" + RUN + "-meh"), "an invalid event is not stored");
  }

  private static JsonNode replay(Path file) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = OdqaCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int exit = cli.execute("feedback", "replay", file.toString(), "--topic", TOPIC,
        "--bootstrap-servers", Kafka.bootstrap(), "--json");
    assertEquals(0, exit, out.toString());
    List<String> lines = out.toString().lines().toList();
    return Output.JSON.readTree(lines.get(lines.size() - 1));
  }

  private static int awaitStored(String eventId) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    int status = status(eventId);
    while (status != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      status = status(eventId);
    }
    return status;
  }

  private static int status(String eventId) throws Exception {
    return HTTP.send(ServiceProcess.request(service.url() + "/api/v1/feedback/" + eventId)
        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
