package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Document;
import io.odqa.core.text.SentenceChunker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Dynamic batching (on by default) changes no answer: questions asked at once, whose windows
 * the scheduler joins into shared passes padded to the longest, get the same spans, offsets and
 * (to float tolerance) scores as when each is asked alone.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class BatchedReadingTest {
  private static final String[] QUESTIONS = {"Who built the first COBOL compiler?",
      "What did Alan Turing describe in 1936?", "Where was Ada Lovelace born?",
      "Which language did Hopper's team build?", "When did Turing describe the machine?",
      "What made programs readable by people?", "Who wrote the first algorithm?",
      "What is a universal machine?"};

  @Inject QaConfig config;

  @Test
  void concurrentAnswersEqualAnswersAlone() throws Exception {
    String collection = "batched";
    write(collection);
    awaitWarm();
    List<JsonPath> alone = new ArrayList<>();
    for (String q : QUESTIONS) {
      alone.add(ask(q, collection));
    }
    double passesBefore = metric("odqa_reader_pass_seconds_count");
    List<JsonPath> together = concurrently(collection);
    double passes = metric("odqa_reader_pass_seconds_count") - passesBefore;
    assertTrue(passes < QUESTIONS.length, "asked at once, " + QUESTIONS.length
        + " questions should share passes; they took " + passes);
    for (int i = 0; i < QUESTIONS.length; i++) {
      List<Map<String, Object>> a = alone.get(i).getList("answers");
      List<Map<String, Object>> b = together.get(i).getList("answers");
      assertEquals(a.size(), b.size(), QUESTIONS[i]);
      for (int k = 0; k < a.size(); k++) {
        assertEquals(a.get(k).get("text"), b.get(k).get("text"), QUESTIONS[i] + " #" + k);
        assertEquals(a.get(k).get("start"), b.get(k).get("start"));
        assertEquals(a.get(k).get("end"), b.get(k).get("end"));
        double sa = ((Number) a.get(k).get("score")).doubleValue();
        double sb = ((Number) b.get(k).get("score")).doubleValue();
        assertEquals(sa, sb, 1e-4 * Math.max(1, Math.abs(sa)), QUESTIONS[i] + " score #" + k);
      }
    }
  }

  /** Warm-up passes run until readiness is UP; they must not count as this test's passes. */
  private static void awaitWarm() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (given().get("/q/health/ready").statusCode() != 200) {
      assertTrue(System.nanoTime() < deadline, "the service never became ready");
      Thread.sleep(200);
    }
  }

  private List<JsonPath> concurrently(String collection) throws Exception {
    List<Callable<JsonPath>> tasks = new ArrayList<>();
    for (String q : QUESTIONS) {
      tasks.add(() -> ask(q, collection));
    }
    return Concurrently.releaseTogether(tasks);
  }

  private static JsonPath ask(String question, String collection) {
    return given().contentType("application/json").body(Map.of("question", question,
        "collection", collection)).post("/api/v1/ask").then().statusCode(200).extract()
        .jsonPath();
  }

  private static double metric(String name) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$")
        .matcher(body);
    return m.find() ? Double.parseDouble(m.group(2)) : 0;
  }

  private void write(String collection) throws IOException {
    SentenceChunker chunker = new SentenceChunker(500, 0);
    List<Document> docs = List.of(
        new Document("hopper", "Grace Hopper", "Grace Hopper led the team that built the first "
            + "COBOL compiler. Her work made programs readable by people."),
        new Document("turing", "Alan Turing", "Alan Turing described a universal machine in "
            + "1936. The machine reads and writes symbols on an endless tape."),
        new Document("lovelace", "Ada Lovelace", "Ada Lovelace was born in London in 1815. She "
            + "wrote the first published algorithm for the Analytical Engine."));
    try (PassageIndexWriter writer =
        PassageIndexWriter.open(config.dataDir().resolve("index").resolve(collection))) {
      for (Document d : docs) {
        writer.upsert(d.id(), d.title(), chunker.chunk(d));
      }
      writer.commit();
    }
  }
}
