package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Argument handling of the commands: a bad argument is a usage error (exit 2) whose message
 * names the option and the bad value, and nothing is sent anywhere; an unreachable service is
 * a failure (exit 1) with a one-line reason.
 */
class OdqaCliArgumentsTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = OdqaCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path questions() throws IOException {
    return Files.writeString(dir.resolve("q.jsonl"),
        "{\"question\": \"Who wrote Hamlet?\", \"answers\": [\"Shakespeare\"]}\n");
  }

  private void assertUsage(String expectedMessage, String... args) {
    assertEquals(2, run(args), "exit status of " + String.join(" ", args) + "; stderr: " + err);
    assertTrue(err.toString().contains(expectedMessage), "stderr: " + err);
    assertEquals("", out.toString(), "nothing on stdout");
  }

  @Test
  void replayOfAMissingFileIsAUsageError() {
    Path missing = dir.resolve("missing.jsonl");
    assertUsage("FILE: no readable file at '" + missing + "'",
        "feedback", "replay", missing.toString(), "--json");
  }

  @Test
  void replayNeedsAFileAndATopic() throws IOException {
    assertUsage("Missing required parameter: 'FILE'", "feedback", "replay");
    assertUsage("--topic must not be blank", "feedback", "replay", questions().toString(),
        "--topic", " ");
  }

  @Test
  void feedbackAloneNamesItsSubcommand() {
    assertUsage("a subcommand is needed: feedback replay FILE", "feedback");
  }

  @Test
  void simulateUsersWithAMissingQuestionFileIsAUsageError() {
    Path missing = dir.resolve("nope.jsonl");
    assertUsage("--questions: no readable file at '" + missing + "'",
        "simulate-users", "--collection", "demo", "--questions", missing.toString());
  }

  @Test
  void simulateUsersRejectsBadNumbers() throws IOException {
    String q = questions().toString();
    assertUsage("Invalid value for option '--limit': 'ten' is not an int",
        "simulate-users", "--collection", "demo", "--questions", q, "--limit", "ten");
    assertUsage("--limit must be a positive whole number, got 0",
        "simulate-users", "--collection", "demo", "--questions", q, "--limit", "0");
    assertUsage("--offset must be 0 or more, got -1",
        "simulate-users", "--collection", "demo", "--questions", q, "--offset", "-1");
    assertUsage("--clients must be in [1, 64], got 65",
        "simulate-users", "--collection", "demo", "--questions", q, "--clients", "65");
    assertUsage("--retries must be in [0, 100], got -2",
        "simulate-users", "--collection", "demo", "--questions", q, "--retries", "-2");
  }

  @Test
  void simulateUsersChecksTheCollectionAndTheFileBeforeAsking() throws IOException {
    assertUsage("--collection must match [a-z0-9][a-z0-9_-]{0,63}, got \"Demo Set\"",
        "simulate-users", "--collection", "Demo Set", "--questions", questions().toString());
    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        "{\"question\": \"q\", \"answers\": [\"a\"]}\n\n{\"question\": \"no answers\"}\n");
    assertUsage("--questions: " + bad + ":3: needs a non-blank 'question' string",
        "simulate-users", "--collection", "demo", "--questions", bad.toString());
    assertUsage("--questions: no questions in '" + bad + "' after --offset 5",
        "simulate-users", "--collection", "demo", "--questions", bad.toString(), "--offset", "5");
    assertUsage("Missing required option: '--collection=<collection>'",
        "simulate-users", "--questions", bad.toString());
  }

  @Test
  void servicesMustBeOnLoopback() throws IOException {
    assertUsage("--qa-url must be http:// on a loopback address",
        "simulate-users", "--collection", "demo", "--questions", questions().toString(),
        "--qa-url", "http://10.1.2.3:8080");
    assertUsage("--feedback-url must be http:// on a loopback address",
        "champion", "--feedback-url", "https://127.0.0.1:8082");
    assertUsage("--qa-url must be http:// on a loopback address",
        "rollback", "model", "--qa-url", "http://192.168.0.1");
  }

  @Test
  void rollbackTakesConfigModelOrGraph() {
    assertUsage("rollback needs 'config', 'model' or 'graph', got 'index'", "rollback", "index");
    assertUsage("Missing required parameter: 'config|model|graph'", "rollback");
  }

  @Test
  void retuneRejectsBadParametersBeforeSubmitting() {
    assertUsage("--sampler must be one of [random, tpe], got 'grid'",
        "retune", "--collection", "demo", "--sampler", "grid");
    assertUsage("--trials must be in [1, 10000], got 0", "retune", "--collection", "demo",
        "--trials", "0");
    assertUsage("Invalid value for option '--seed': 'x' is not a long",
        "retune", "--collection", "demo", "--seed", "x");
    assertUsage("--timeout-minutes must be in [1, 1440], got 0",
        "refresh", "--collection", "demo", "--timeout-minutes", "0");
    assertUsage("Missing required option: '--collection=<collection>'", "refresh");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertUsage("Unmatched argument at index 0: 'retrain'", "retrain");
  }

  @Test
  void anUnreachableServiceFailsWithOneLine() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertEquals(1, run("rollback", "config", "--qa-url", "http://127.0.0.1:" + port));
    assertEquals("odqa: qa-service not reachable at http://127.0.0.1:" + port
        + " (ConnectException; start it with ./odqa up)", err.toString().strip());
  }

  @Test
  void soakStaysOnThisMachineAndWithinItsBounds() throws IOException {
    String q = questions().toString();
    assertUsage("--qa-url must be http:// on a loopback address",
        "bench", "soak", "--minutes", "1", "--questions", q, "--qa-url", "http://192.0.2.1:8080");
    assertUsage("--minutes must be in [0.1, 240]",
        "bench", "soak", "--minutes", "500", "--questions", q);
    assertUsage("--minutes must be in [0.1, 240]",
        "bench", "soak", "--minutes", "NaN", "--questions", q);
  }

  @Test
  void soakTrendIsTheLeastSquaresSlopePerMinute() {
    List<Map<String, Double>> samples = new ArrayList<>();
    for (int minute = 0; minute < 5; minute++) {
      samples.add(Map.of("t", minute * 60.0, "heap_mb", 100.0 + 2 * minute,
          "open_files", 40.0 + (minute % 2)));
    }
    Map<String, Object> trend = SoakCommand.trend(samples);
    assertEquals(Map.of("start", 100.0, "end", 108.0, "slope_per_min", 2.0),
        trend.get("heap_mb"));
    assertEquals(0.0, ((Map<?, ?>) trend.get("open_files")).get("slope_per_min"));
    assertEquals(5, trend.get("samples"));
  }
}
