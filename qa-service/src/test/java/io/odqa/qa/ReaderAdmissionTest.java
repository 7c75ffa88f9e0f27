package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Document;
import io.odqa.core.text.SentenceChunker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Admission control on the real reader: with one pass at a time and room for one waiting
 * submission, a flood of concurrent requests gets 503s with {@code Retry-After} (never a 500 or
 * a lost connection), the rejections are counted in {@code /q/metrics}, and once the flood is
 * over the service answers normally.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
@TestProfile(ReaderAdmissionTest.TinyQueue.class)
class ReaderAdmissionTest {
  private static final int FLOOD = 16;

  /** One pass at a time, one submission waiting, no batching: the smallest admission. */
  public static class TinyQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("odqa.reader.passes", "1", "odqa.reader.queue-capacity", "1",
          "odqa.reader.batching.enabled", "false", "odqa.reader.warmup", "false");
    }
  }

  @Inject QaConfig config;

  @Test
  void floodGets503WithRetryAfterThenNormalAnswers() throws Exception {
    String collection = "flood";
    writeLongDocument(collection);
    String read = "{\"question\": \"Which river flows through the valley?\", \"collection\": \""
        + collection + "\", \"docId\": \"valley\"}";
    List<Response> replies = flood(read);
    int ok = 0;
    int busy = 0;
    for (Response r : replies) {
      if (r.statusCode() == 503) {
        busy++;
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.jsonPath().getString("detail").contains("queue is full"), r.asString());
      } else {
        assertEquals(200, r.statusCode(), "only 200 or 503, got: " + r.asString());
        ok++;
      }
    }
    assertTrue(busy > 0, "a flood of " + FLOOD + " beyond a queue of 1 must be refused in part");
    assertTrue(ok >= 1, "the requests admitted are answered");
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("odqa_reader_rejected_total{reason=\"queue_full\"}"))
        .body(containsString("odqa_reader_queue_waiting"));
    // The flood is over: the next requests are answered as usual.
    for (int i = 0; i < 3; i++) {
      given().contentType("application/json").body(read).post("/api/v1/read").then()
          .statusCode(200).body("answers", not(empty()));
    }
    given().contentType("application/json").body("{\"question\": \"river valley\", "
        + "\"collection\": \"" + collection + "\"}").post("/api/v1/ask").then().statusCode(200)
        .body("answers", not(empty()));
  }

  /** {@value #FLOOD} requests released at once. */
  private static List<Response> flood(String body) throws Exception {
    List<Callable<Response>> tasks = new ArrayList<>();
    for (int i = 0; i < FLOOD; i++) {
      tasks.add(() -> given().contentType("application/json").body(body).post("/api/v1/read"));
    }
    return Concurrently.releaseTogether(tasks);
  }

  /** A document of many passages, so that reading it takes several full passes. */
  private void writeLongDocument(String collection) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      text.append("The river Lune flows through the valley of Kendal past mill number ").append(i)
          .append(", where the weavers of the old town sold wool to traders from the coast. ");
    }
    try (PassageIndexWriter writer =
        PassageIndexWriter.open(config.dataDir().resolve("index").resolve(collection))) {
      writer.upsert("valley", "Valley", new SentenceChunker(500, 0)
          .chunk(new Document("valley", "Valley", text.toString())));
      writer.commit();
    }
  }
}
