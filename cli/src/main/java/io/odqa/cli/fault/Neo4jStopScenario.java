package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Neo4j stopped under a running qa-service: {@code /ask} must still answer from the text index,
 * naming the graph stage in {@code degraded}, and qa-service's {@code /q/health} must say that
 * Neo4j is not available. After Neo4j starts again the graph stage and the health check must
 * recover by themselves, without restarting a service; ingest, which needs Neo4j to be ready,
 * must become ready again and accept a new job.
 */
final class Neo4jStopScenario implements Scenario {
  private static final String QUESTION = "Who wrote the first program for the Analytical Engine?";
  private static final Duration RECOVERY = Duration.ofSeconds(180);

  @Override
  public String name() {
    return "neo4j-stop";
  }

  @Override
  public void run(FaultRun run, Outcome out) throws Exception {
    String tag = run.id + "-neo";
    String collection = "fault-" + tag;
    Path data = run.dir.resolve("neo4j-stop");
    try (Stack stack = new Stack(run, tag, data, false,
        Set.of("ingest", "qa-service"))) {
      out.put("service_start_s", stack.start());
      Http.Reply submitted = stack.submit(collection, Stack.documents(tag, 0, 20));
      out.check(submitted.status() == 202, "documents accepted: " + submitted.kind());
      JsonNode job = stack.awaitJob(submitted.json().path("jobId").asText(), RECOVERY);
      out.check("done".equals(job.path("status").asText()), "first job done: " + job);

      Map<String, Object> before = ask(stack, collection);
      out.put("ask_before", before);
      out.check(!kgDegraded(before), "kg stage runs while Neo4j is up: " + before);

      long stopping = System.nanoTime();
      run.log("stopping Neo4j");
      run.infra.stop(Infra.NEO4J);
      out.put("neo4j_stop_s", FaultRun.seconds(stopping));
      List<Map<String, Object>> during = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        during.add(ask(stack, collection));
      }
      out.put("ask_while_down", during);
      for (Map<String, Object> a : during) {
        out.check(Integer.valueOf(200).equals(a.get("status")), "/ask answers while Neo4j is down: " + a);
        out.check(kgDegraded(a), "/ask names kg in degraded while Neo4j is down: " + a);
        out.check(((Integer) a.get("answers")) > 0, "/ask answers from text while Neo4j is down: " + a);
      }
      JsonNode health = neo4jCheck(run, stack.qa);
      out.put("qa_health_while_down", health);
      out.check(!health.path("data").path("available").asBoolean(true),
          "qa-service /q/health reports Neo4j unavailable: " + health);
      out.put("ingest_ready_while_down", stack.ingest.ready());

      long starting = System.nanoTime();
      run.log("starting Neo4j");
      run.infra.start(Infra.NEO4J);
      out.put("neo4j_start_s", FaultRun.seconds(starting));
      long up = System.nanoTime();
      Map<String, Object> after = null;
      Double kgBack = null;
      while (System.nanoTime() - up < RECOVERY.toNanos()) {
        after = ask(stack, collection);
        if (Integer.valueOf(200).equals(after.get("status")) && !kgDegraded(after)) {
          kgBack = FaultRun.seconds(up);
          break;
        }
        Thread.sleep(1_000);
      }
      out.put("kg_recovered_after_neo4j_ready_s", kgBack).put("ask_after", after);
      out.check(kgBack != null, "kg stage recovers within " + RECOVERY.toSeconds() + " s");
      Double healthBack = null;
      while (System.nanoTime() - up < RECOVERY.toNanos()) {
        health = neo4jCheck(run, stack.qa);
        if (health.path("data").path("available").asBoolean(false)) {
          healthBack = FaultRun.seconds(up);
          break;
        }
        Thread.sleep(500);
      }
      out.put("qa_health_recovered_after_neo4j_ready_s", healthBack).put("qa_health_after", health);
      out.check(healthBack != null, "qa-service health reports Neo4j available again");
      Double ingestBack = null;
      while (System.nanoTime() - up < RECOVERY.toNanos()) {
        if (stack.ingest.ready()) {
          ingestBack = FaultRun.seconds(up);
          break;
        }
        Thread.sleep(500);
      }
      out.put("ingest_ready_after_neo4j_ready_s", ingestBack);
      out.check(ingestBack != null, "ingest ready again");
      submitted = stack.submit(collection, Stack.documents(tag, 20, 25));
      job = stack.awaitJob(submitted.json().path("jobId").asText(), RECOVERY);
      out.put("job_after", job.path("status").asText());
      out.check("done".equals(job.path("status").asText()), "ingest job after recovery done: " + job);
    }
  }

  /** One {@code /ask}: status, latency, degraded stages and the number of answers. */
  static Map<String, Object> ask(Stack stack, String collection) {
    long t0 = System.nanoTime();
    Http.Reply r = stack.ask(collection, QUESTION);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("status", r.status());
    a.put("ms", Math.round(FaultRun.seconds(t0) * 1000));
    JsonNode body = r.json();
    List<String> degraded = new ArrayList<>();
    body.path("degraded").forEach(d -> degraded.add(d.asText()));
    a.put("degraded", degraded);
    a.put("answers", body.path("answers").size());
    if (!r.ok()) {
      a.put("body", r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  static boolean kgDegraded(Map<String, Object> ask) {
    return ((List<String>) ask.get("degraded")).contains("kg");
  }

  /** The {@code neo4j} check of {@code service}'s {@code /q/health}, with the overall status. */
  static JsonNode neo4jCheck(FaultRun run, Service service) {
    Http.Reply r = run.http.get(service.url() + "/q/health", Duration.ofSeconds(30));
    JsonNode body = r.json();
    for (JsonNode check : body.path("checks")) {
      if ("neo4j".equals(check.path("name").asText())) {
        com.fasterxml.jackson.databind.node.ObjectNode c = check.deepCopy();
        c.put("overall", body.path("status").asText());
        return c;
      }
    }
    return Http.JSON.createObjectNode().put("overall", body.path("status").asText())
        .put("http", r.status());
  }
}
