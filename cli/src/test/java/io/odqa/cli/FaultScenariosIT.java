package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The fault scenarios that fit in CI, through {@code ./odqa fault} itself: Neo4j stopped under a
 * running qa-service (answers from text with {@code degraded: [kg]}, health says Neo4j is down,
 * both recover without a restart) and {@code kill -9} of the feedback service under load (every
 * accepted event stored, once). The command starts its own Kafka and Neo4j on other ports, so
 * the servers of the other ITs keep running. The 100,000-event Kafka restart, the kill -9 of
 * ingest and qa-service and the full disk run by {@code ./odqa fault} only
 * (docs/operations/fault-tests.md).
 */
class FaultScenariosIT {
  @Test
  void neo4jStopAndFeedbackKillRecoverWithNothingLost() throws Exception {
    String home = System.getenv("ODQA_HOME");
    Path dist = (home == null || home.isBlank() ? Path.of("..", ".odqa") : Path.of(home))
        .resolve("dist");
    StringWriter out = new StringWriter();
    CommandLine cli = OdqaCli.commandLine();
    cli.setOut(new PrintWriter(out));
    int status = cli.execute("fault", "--scenario", "neo4j-stop,kill-services",
        "--kill", "feedback", "--feedback-events", "1000", "--root", "..",
        "--work-dir", "target/fault", "--dist", dist.toString());
    JsonNode report = new ObjectMapper().readTree(out.toString());
    System.out.println(report.toPrettyString());
    assertEquals("passed", report.path("scenarios").path("neo4j-stop").path("status").asText(),
        "neo4j-stop: " + report.path("scenarios").path("neo4j-stop"));
    JsonNode kill = report.path("scenarios").path("kill-services");
    assertEquals("passed", kill.path("status").asText(), "kill-services: " + kill);
    assertEquals(0, kill.path("feedback").path("lost").asLong());
    assertEquals(0, kill.path("feedback").path("duplicated").asLong());
    assertEquals(0, status);
  }
}
