package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Document;
import io.odqa.core.text.SentenceChunker;
import io.odqa.reader.read.SquadMetrics;
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
 * The whole loop on the real servers: qa-service and the feedback service run as packaged
 * processes on per-run topics, with a deliberately damaged starting config (one passage read,
 * one-token answers, and spans below probability 0.9 dropped, so most questions go unanswered). Simulated users ask the demo questions and send their verdicts; the count
 * trigger starts a retune; the gate promotes a better config; the next {@code /ask} reports it;
 * a damaged candidate put to the gate is rejected with its numbers; a rollback brings the
 * damaged config back.
 */
class LoopEndToEndIT {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path ROOT = Path.of(System.getProperty("odqa.root", ".."));

  @Test
  void feedbackRetunesPromotesAndRollsBack() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String collection = "loop-" + run;
    String damaged = "damaged-" + run;
    Path dir = Files.createTempDirectory("odqa-loop-it");
    writeDemoIndex(dir.resolve("data/index").resolve(collection));
    Map<String, String> env = TestStack.baseEnv(run, dir);
    Map<String, String> qaEnv = new HashMap<>(env);
    qaEnv.put("ODQA_READER_MODEL_DIR", ROOT.resolve("models/reader").toAbsolutePath().toString());
    qaEnv.put("ODQA_PIPELINE_VERSION", damaged);
    qaEnv.put("ODQA_PIPELINE_READER_PASSAGES", "1");
    qaEnv.put("ODQA_PIPELINE_READER_MAX_ANSWER_TOKENS", "1");
    qaEnv.put("ODQA_PIPELINE_READER_MIN_SCORE", "0.9");
    try (ServiceProcess qa = ServiceProcess.start("qa-service",
        TestStack.jar("qa-service"), qaEnv, dir)) {
      Map<String, String> fbEnv = new HashMap<>(env);
      fbEnv.put("ODQA_QA_URL", qa.url());
      fbEnv.put("ODQA_FEEDBACK_TOPIC", "odqa.feedback.it-" + run);
      fbEnv.put("ODQA_TRIGGER_RETUNE_EVERY", "20");
      fbEnv.put("ODQA_TRIGGER_REFRESH_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_ACCURACY_WINDOW", "0");
      fbEnv.put("ODQA_RETUNE_TRIALS", "12");
      fbEnv.put("ODQA_GATE_MIN_QUESTIONS", "4");
      fbEnv.put("ODQA_GATE_MARGIN", "0.0");
      fbEnv.put("ODQA_LOOP_HELD_OUT_FRACTION", "0.5");
      try (ServiceProcess feedback = ServiceProcess.start("feedback",
          TestStack.jar("feedback"), fbEnv, dir)) {
        // Both services keep the champion topics compacted, so that they outlive retention.
        assertEquals("compact", Kafka.cleanupPolicy("odqa.config.it-" + run));
        assertEquals("compact", Kafka.cleanupPolicy("odqa.models.it-" + run));
        int sent = simulateUsers(qa, feedback, collection);
        assertTrue(sent >= 20, "feedback sent: " + sent);

        JsonNode job = awaitJob(feedback, collection, "count", 600);
        JsonNode result = job.path("result");
        System.out.println("[loop] count-triggered retune: " + result);
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        assertEquals("promoted", result.path("decision").asText(), result.toString());
        String promoted = result.path("configVersion").asText();
        assertFalse(promoted.equals(damaged));
        assertTrue(result.path("ci_low").asDouble() > 0, result.toString());
        awaitConfigVersion(qa, collection, promoted);
        JsonNode champion = get(feedback.url() + "/api/v1/champion");
        assertEquals(promoted, champion.path("config").path("version").asText());
        assertTrue(champion.path("decisions").path("config").size() >= 1, champion.toString());

        JsonNode damagedConfig = get(qa.url() + "/api/v1/config");
        ((com.fasterxml.jackson.databind.node.ObjectNode) damagedConfig.path("reader"))
            .put("passages", 1).put("maxAnswerTokens", 1);
        JsonNode rejected = runJob(feedback, Map.of("kind", "retune", "collection", collection,
            "candidate", damagedConfig), 300);
        System.out.println("[loop] damaged candidate: " + rejected.path("result"));
        assertEquals("rejected", rejected.path("result").path("decision").asText(),
            rejected.toString());
        assertTrue(rejected.path("result").path("delta").asDouble() < 0, rejected.toString());
        assertEquals(promoted, rejected.path("result").path("configVersion").asText());

        JsonNode back = post(qa.url() + "/api/v1/admin/rollback", Map.of("kind", "config"), 200);
        assertEquals(damaged, back.path("to").asText(), back.toString());
        awaitConfigVersion(qa, collection, damaged);
      }
    }
  }

  /** Asks each demo question once and sends the verdict a user would, with the gold answer. */
  static int simulateUsers(ServiceProcess qa, ServiceProcess feedback, String collection)
      throws IOException, InterruptedException {
    int sent = 0;
    for (String line : Files.readAllLines(ROOT.resolve("demo/questions.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode q = JSON.readTree(line);
      List<String> gold = new ArrayList<>();
      q.path("answers").forEach(a -> gold.add(a.asText()));
      JsonNode answer = post(qa.url() + "/api/v1/ask", Map.of("question",
          q.path("question").asText(), "collection", collection), 200);
      JsonNode first = answer.path("answers").path(0);
      String text = first.path("text").asText("(no answer)");
      boolean right = SquadMetrics.exactMatch(text, gold) == 1.0;
      Map<String, Object> event = new HashMap<>();
      event.put("eventId", "it-" + collection + "-" + q.path("id").asText());
      event.put("collection", collection);
      event.put("question", q.path("question").asText());
      event.put("answer", text);
      event.put("verdict", right ? "correct" : "incorrect");
      if (!right) {
        event.put("correctAnswer", gold.get(0));
      }
      event.put("configVersion", answer.path("configVersion").asText());
      event.put("modelVersion", answer.path("modelVersion").asText());
      post(feedback.url() + "/api/v1/feedback", event, 202);
      sent++;
    }
    return sent;
  }

  private static JsonNode awaitJob(ServiceProcess feedback, String collection, String trigger,
      int seconds)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      for (JsonNode j : get(feedback.url() + "/api/v1/jobs?kind=retune&collection=" + collection)) {
        if (trigger.equals(j.path("trigger").asText())
            && List.of("succeeded", "failed").contains(j.path("state").asText())) {
          return j;
        }
      }
      Thread.sleep(1000);
    }
    fail("no " + trigger + "-triggered retune finished within " + seconds + " s:\n"
        + feedback.log());
    return null;
  }

  private static JsonNode runJob(ServiceProcess feedback, Map<String, Object> body, int seconds)
      throws IOException, InterruptedException {
    String id = post(feedback.url() + "/api/v1/jobs", body, 202).path("id").asText();
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      JsonNode j = get(feedback.url() + "/api/v1/jobs/" + id);
      if (List.of("succeeded", "failed").contains(j.path("state").asText())) {
        return j;
      }
      Thread.sleep(1000);
    }
    fail("job " + id + " did not finish within " + seconds + " s");
    return null;
  }

  private static void awaitConfigVersion(ServiceProcess qa, String collection, String version)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    String seen = null;
    while (System.currentTimeMillis() < deadline) {
      seen = post(qa.url() + "/api/v1/ask", Map.of("question", "Who created Lucene?",
          "collection", collection), 200).path("configVersion").asText();
      if (version.equals(seen)) {
        return;
      }
      Thread.sleep(500);
    }
    fail("/ask reports " + seen + ", expected " + version);
  }

  private static void writeDemoIndex(Path index) throws IOException {
    SentenceChunker chunker = new SentenceChunker(1_000, 0);
    try (PassageIndexWriter writer = PassageIndexWriter.open(index)) {
      for (String line : Files.readAllLines(ROOT.resolve("demo/corpus.jsonl"))) {
        if (!line.isBlank()) {
          JsonNode d = JSON.readTree(line);
          Document doc = new Document(d.path("id").asText(), d.path("title").asText(),
              d.path("text").asText());
          writer.upsert(doc.id(), doc.title(), chunker.chunk(doc));
        }
      }
      writer.commit();
    }
  }

  static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(ServiceProcess.request(url).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }

  static JsonNode post(String url, Object body, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(ServiceProcess.request(url)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }
}
