package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Questions over a real on-disk Lucene index written the way the ingest service writes it, read
 * by a real (untrained-head) BERT reader and checked against the real Neo4j.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class AskResourceTest {
  private static final String PROBLEM = "application/problem+json";
  private static final String HOPPER = "Grace Hopper led the team that built the first COBOL "
      + "compiler. Her work made programs readable by people.";

  @Inject QaConfig config;

  private final String collection = "qa-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void writeIndex() throws IOException {
    write(new Document("hopper", "Grace Hopper", HOPPER),
        new Document("turing", "Alan Turing", "Alan Turing described a universal machine in 1936."),
        new Document("twin-b", "", "Identical twins share one text."),
        new Document("twin-a", "", "Identical twins share one text."));
  }

  @Test
  void readsSpansWithExactOffsetsAndProvenance() {
    JsonPath body = ask("{\"question\": \"Who built the first COBOL compiler?\", "
        + "\"collection\": \"" + collection + "\", \"topK\": 2}")
        .then().statusCode(200)
        .body("passages", hasSize(1))
        .body("passages[0].passageId", equalTo("hopper::p0"))
        .body("answers.source", everyItem(equalTo("text")))
        .body("answers.docId", everyItem(equalTo("hopper")))
        .body("configVersion", equalTo(given().get("/api/v1/config").path("version")))
        .body("modelVersion", equalTo("minilm"))
        .body("$", not(hasKey("degraded")))
        .body("timings", hasKey("retrieve"))
        .body("timings", hasKey("read"))
        .body("timings", hasKey("kg"))
        .body("timings", hasKey("total"))
        .body("reading.passagesRead", equalTo(1))
        .body("reading.rounds", equalTo(1))
        .body("reading.windows", equalTo(1))
        .body("reading.passes", equalTo(1))
        .extract().jsonPath();
    List<Map<String, Object>> answers = body.getList("answers");
    assertTrue(!answers.isEmpty() && answers.size() <= 10, "answers: " + answers.size());
    double previous = Double.MAX_VALUE;
    for (Map<String, Object> a : answers) {
      int start = (Integer) a.get("start");
      int end = (Integer) a.get("end");
      assertEquals(HOPPER.substring(start, end), a.get("text"));
      double score = ((Number) a.get("score")).doubleValue();
      assertTrue(score <= previous && score > 0, "scores must be positive and descending");
      previous = score;
    }
  }

  @Test
  void readsAWholeDocumentForEvaluation() {
    given().contentType("application/json")
        .body("{\"question\": \"What did Turing describe?\", \"collection\": \"" + collection
            + "\", \"docId\": \"turing\"}")
        .post("/api/v1/read").then().statusCode(200)
        .body("passages.passageId", contains("turing::p0"))
        .body("answers.docId", everyItem(equalTo("turing")));
    given().contentType("application/json")
        .body("{\"question\": \"turing machine\", \"collection\": \"" + collection
            + "\", \"topK\": 3}")
        .post("/api/v1/retrieve").then().statusCode(200)
        .body("passageId", contains("turing::p0"));
  }

  @Test
  void tiesAreBrokenByPassageId() {
    ask("{\"question\": \"identical twins\", \"collection\": \"" + collection + "\"}")
        .then().statusCode(200)
        .body("passages.passageId", contains("twin-a::p0", "twin-b::p0"));
  }

  @Test
  void querySyntaxInAQuestionIsJustText() {
    ask("{\"question\": \"turing AND (machine OR \\\"x\\\")~2 ^3 title:* [1 TO 2] \\\\ /re/\", "
        + "\"collection\": \"" + collection + "\"}")
        .then().statusCode(200).body("passages[0].docId", equalTo("turing"));
    for (String q : new String[] {"AND(", "\\\"", "*:*", "\\\\", "title:(x OR", "??"}) {
      ask("{\"question\": \"" + q + "\", \"collection\": \"" + collection + "\"}")
          .then().statusCode(200);
    }
  }

  @Test
  void newCommitsAreSearchableWithoutRestart() throws IOException {
    String question = "{\"question\": \"quantum chromodynamics\", \"collection\": \"" + collection + "\"}";
    ask(question).then().statusCode(200).body("answers", hasSize(0)).body("passages", hasSize(0));
    write(new Document("qcd", "", "Quantum chromodynamics describes the strong interaction."));
    ask(question).then().statusCode(200).body("passages[0].docId", equalTo("qcd"))
        .body("answers[0].docId", equalTo("qcd"));
  }

  @Test
  void badRequestsGetProblemBodies() {
    ask("").then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("request body is empty"));
    ask("{\"question\": ").then().statusCode(400).contentType(PROBLEM);
    ask("{\"collection\": \"x\"}").then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("question must be a non-blank string"));
    ask("{\"question\": \"" + "q".repeat(10_000) + "\"}").then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("question must be at most 1000 characters"));
    ask("{\"question\": \"   \"}").then().statusCode(400).contentType(PROBLEM);
    given().contentType("application/json").body(new byte[] {'{', '"', 'q', 'u', 'e', 's', 't', 'i',
        'o', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'})
        .post("/api/v1/ask").then().statusCode(400).contentType(PROBLEM);
    ask("{\"question\": \"q\", \"topK\": 0}").then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("topK must be in [1, 100]"));
    ask("{\"question\": \"q\", \"collection\": \"../etc\"}").then().statusCode(400)
        .contentType(PROBLEM).body("detail", containsString("collection must match"));
    ask("{\"question\": \"q\", \"collection\": \"never-ingested\"}").then().statusCode(404)
        .contentType(PROBLEM).body("detail", containsString("never-ingested has no index"));
  }

  @Test
  void stageEndpointsRejectBadInput() {
    post("/api/v1/read", "{\"question\": \"q\", \"collection\": \"" + collection + "\"}")
        .then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("docId must be a non-blank string"));
    post("/api/v1/read", "{\"question\": \"q\", \"collection\": \"" + collection
        + "\", \"docId\": \"no-such-doc\"}")
        .then().statusCode(404).contentType(PROBLEM)
        .body("detail", containsString("document 'no-such-doc' is not in collection"));
    post("/api/v1/read", "").then().statusCode(400).contentType(PROBLEM);
    post("/api/v1/retrieve", "{\"question\": \"q\", \"topK\": 1001}").then().statusCode(400)
        .contentType(PROBLEM).body("detail", equalTo("topK must be in [1, 1000]"));
    post("/api/v1/retrieve", "{\"question\": \"q\", \"collection\": \"never-ingested\"}")
        .then().statusCode(404).contentType(PROBLEM);
    post("/api/v1/kg", "{\"question\": \" \"}").then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("question must be a non-blank string"));
    post("/api/v1/kg", "{\"question\": \"q\", \"collection\": \"../x\"}").then()
        .statusCode(400).contentType(PROBLEM);
    // What was accepted before is still there.
    post("/api/v1/retrieve", "{\"question\": \"turing machine\", \"collection\": \""
        + collection + "\"}").then().statusCode(200).body("passageId", contains("turing::p0"));
  }

  private io.restassured.response.Response post(String path, String json) {
    return given().contentType("application/json").body(json).post(path);
  }

  @Test
  void plainTextAnswersForTheCli() {
    given().contentType("application/json").accept("text/plain")
        .body("{\"question\": \"universal machine\", \"collection\": \"" + collection + "\"}")
        .post("/api/v1/ask").then().statusCode(200)
        .body(containsString("1. ["), containsString("from turing::p0 ["),
            containsString("model minilm"));
  }

  private io.restassured.response.Response ask(String json) {
    return given().contentType("application/json").body(json).post("/api/v1/ask");
  }

  private void write(Document... documents) throws IOException {
    SentenceChunker chunker = new SentenceChunker(500, 0);
    try (PassageIndexWriter writer =
        PassageIndexWriter.open(config.dataDir().resolve("index").resolve(collection))) {
      for (Document d : documents) {
        writer.upsert(d.id(), d.title(), chunker.chunk(d));
      }
      writer.commit();
    }
  }

}
