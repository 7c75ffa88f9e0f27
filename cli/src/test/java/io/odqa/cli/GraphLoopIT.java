package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import io.odqa.kg.write.Fact;
import io.odqa.kg.write.FactGraphWriter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The graph stage learning from feedback, on the real servers: a per-run collection whose
 * knowledge graph (written to Neo4j) has films, their casts and languages, and qa-service with
 * the shipped graph model, which reads the paraphrase "the films have made [X] take action in
 * the" as "the languages of X's films". Users say which film was meant; the count trigger
 * starts a graph refresh; the gate compares the refreshed model with the shipped one on the
 * held-out questions; the promoted model is hot-swapped, {@code /ask} reports its
 * {@code graphModelVersion} and answers a held-out question right; a rollback brings the
 * shipped model back.
 */
class GraphLoopIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path ROOT = Path.of(System.getProperty("odqa.root", ".."));
  private static final int FILMS = 40;
  private static final String SHIPPED = "kgqa";

  @Test
  void graphFeedbackRefreshesGatesAndHotSwapsTheGraphModel() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String collection = "graph-" + run;
    Path dir = Files.createTempDirectory("odqa-graph-loop-it");
    try (PassageIndexWriter writer = PassageIndexWriter.open(
        dir.resolve("data/index").resolve(collection))) {
      writer.commit(); // an empty text index: every answer comes from the graph
    }
    try (GraphClient graph = GraphClient.connect(Neo4jSettings.fromEnvironment())) {
      new FactGraphWriter(graph).write(collection, "graph-loop-it", facts(run));
    }
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", Kafka.bootstrap());
    env.put("ODQA_DATA_DIR", dir.resolve("data").toString());
    env.put("ODQA_CONFIG_TOPIC", "odqa.config.git-" + run);
    env.put("ODQA_MODELS_TOPIC", "odqa.models.git-" + run);
    env.put("DJL_OFFLINE", "true");
    Map<String, String> qaEnv = new HashMap<>(env);
    qaEnv.put("ODQA_READER_MODEL_DIR", ROOT.resolve("models/reader").toAbsolutePath().toString());
    qaEnv.put("ODQA_KGQA_MODEL", ROOT.resolve("models/kgqa/paths.json").toAbsolutePath()
        .toString());
    try (ServiceProcess qa = ServiceProcess.start("qa-service",
        ROOT.resolve("qa-service/target/quarkus-app/quarkus-run.jar"), qaEnv, dir)) {
      Map<String, String> fbEnv = new HashMap<>(env);
      fbEnv.put("ODQA_QA_URL", qa.url());
      fbEnv.put("ODQA_FEEDBACK_TOPIC", "odqa.feedback.git-" + run);
      fbEnv.put("ODQA_MODEL_REGISTRY", dir.resolve("registry").toString());
      fbEnv.put("ODQA_TRIGGER_RETUNE_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_REFRESH_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_GRAPH_REFRESH_EVERY", String.valueOf(FILMS));
      fbEnv.put("ODQA_TRIGGER_ACCURACY_WINDOW", "0");
      fbEnv.put("ODQA_GRAPH_REFRESH_MIN_EXAMPLES", "8");
      fbEnv.put("ODQA_GATE_MIN_QUESTIONS", "8");
      fbEnv.put("ODQA_GATE_MARGIN", "0.0");
      fbEnv.put("ODQA_LOOP_HELD_OUT_FRACTION", "0.5");
      try (ServiceProcess feedback = ServiceProcess.start("feedback",
          ROOT.resolve("feedback/target/quarkus-app/quarkus-run.jar"), fbEnv, dir)) {
        int wrongBefore = 0;
        for (int k = 0; k < FILMS; k++) {
          JsonNode answer = ask(qa, collection, question(run, k));
          assertEquals(SHIPPED, answer.path("graphModelVersion").asText(), answer.toString());
          String text = answer.path("answers").path(0).path("text").asText("(no answer)");
          boolean right = text.equals(film(run, k));
          wrongBefore += right ? 0 : 1;
          Map<String, Object> event = new HashMap<>();
          event.put("eventId", "git-" + run + "-" + k);
          event.put("collection", collection);
          event.put("question", question(run, k));
          event.put("answer", text);
          event.put("verdict", right ? "correct" : "incorrect");
          if (!right) {
            event.put("correctAnswer", film(run, k));
          }
          event.put("configVersion", answer.path("configVersion").asText());
          event.put("modelVersion", answer.path("modelVersion").asText());
          post(feedback.url() + "/api/v1/feedback", event, 202);
        }
        System.out.println("[graph-loop] shipped model wrong on " + wrongBefore + "/" + FILMS);
        assertTrue(wrongBefore >= FILMS / 2, "the shipped model should misread the paraphrase, "
            + "but got " + (FILMS - wrongBefore) + "/" + FILMS + " right");

        JsonNode job = awaitCountJob(feedback, collection, 600);
        JsonNode result = job.path("result");
        System.out.println("[graph-loop] count-triggered graph refresh: " + result);
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        assertEquals("promoted", result.path("decision").asText(), result.toString());
        assertTrue(result.path("feedback_examples").asInt() >= 8, result.toString());
        assertTrue(result.path("ci_low").asDouble() > 0, result.toString());
        String promoted = result.path("graphModelVersion").asText();
        assertNotEquals(SHIPPED, promoted);
        assertTrue(Files.isRegularFile(dir.resolve("registry").resolve(promoted)
            .resolve("paths.json")), "registry holds " + promoted);

        JsonNode after = awaitGraphVersion(qa, collection, question(run, 0), promoted);
        JsonNode decisions = get(feedback.url() + "/api/v1/champion").path("decisions")
            .path("graph");
        assertTrue(decisions.size() >= 1, decisions.toString());
        int rightAfter = 0;
        for (int k = 0; k < FILMS; k++) {
          JsonNode a = k == 0 ? after : ask(qa, collection, question(run, k));
          rightAfter += film(run, k).equals(a.path("answers").path(0).path("text").asText())
              ? 1 : 0;
        }
        System.out.println("[graph-loop] promoted model right on " + rightAfter + "/" + FILMS);
        assertTrue(rightAfter > FILMS - wrongBefore, rightAfter + " right after, "
            + (FILMS - wrongBefore) + " before");

        JsonNode back = post(qa.url() + "/api/v1/admin/rollback", Map.of("kind", "graph"), 200);
        assertEquals(SHIPPED, back.path("to").asText(), back.toString());
        awaitGraphVersion(qa, collection, question(run, 0), SHIPPED);
      }
    }
  }

  /** Film k stars actor k alone, is in one of two languages, and has a director and genre. */
  private static List<Fact> facts(String run) {
    List<Fact> facts = new ArrayList<>();
    for (int k = 0; k < FILMS; k++) {
      facts.add(new Fact(film(run, k), "starred_actors", actor(run, k)));
      facts.add(new Fact(film(run, k), "in_language", k % 2 == 0 ? "Norwegian" : "Tamil"));
      facts.add(new Fact(film(run, k), "directed_by", "Director " + run + " " + (k % 7)));
      facts.add(new Fact(film(run, k), "has_genre", k % 3 == 0 ? "Drama" : "Comedy"));
    }
    return facts;
  }

  private static String film(String run, int k) {
    return "Glass Orchard " + run + " " + k;
  }

  private static String actor(String run, int k) {
    return "Quorn Zelda " + run + " " + k;
  }

  /** The paraphrase the shipped model misreads (MetaQA's 1hop-ntm-dev.jsonl has many). */
  private static String question(String run, int k) {
    return "the films have made [" + actor(run, k) + "] take action in the";
  }

  private static JsonNode ask(ServiceProcess qa, String collection, String question)
      throws IOException, InterruptedException {
    return post(qa.url() + "/api/v1/ask", Map.of("question", question, "collection",
        collection), 200);
  }

  private static JsonNode awaitCountJob(ServiceProcess feedback, String collection, int seconds)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      for (JsonNode j : get(feedback.url() + "/api/v1/jobs?kind=graph-refresh&collection="
          + collection)) {
        if ("count".equals(j.path("trigger").asText())
            && List.of("succeeded", "failed").contains(j.path("state").asText())) {
          return j;
        }
      }
      Thread.sleep(1000);
    }
    fail("no count-triggered graph refresh finished within " + seconds + " s:\n"
        + feedback.log());
    return null;
  }

  private static JsonNode awaitGraphVersion(ServiceProcess qa, String collection,
      String question, String version) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonNode seen = null;
    while (System.currentTimeMillis() < deadline) {
      seen = ask(qa, collection, question);
      if (version.equals(seen.path("graphModelVersion").asText())) {
        return seen;
      }
      Thread.sleep(500);
    }
    fail("/ask reports graph model " + (seen == null ? null : seen.path("graphModelVersion"))
        + ", expected " + version);
    return null;
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(ServiceProcess.request(url).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }

  private static JsonNode post(String url, Object body, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(ServiceProcess.request(url)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }
}
