package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Document;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.text.SentenceChunker;
import io.odqa.kg.GraphClient;
import io.odqa.kg.write.Fact;
import io.odqa.kg.write.FactGraphWriter;
import io.odqa.qa.config.PipelineConfigs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /ask/explain} over a real on-disk index (passages chunked small, so that most start
 * past offset 0), the real reader and the real Neo4j: the explanation is the /ask run's, and
 * its parts agree with each other and with the index.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class ExplainResourceTest {
  private static final String PROBLEM = "application/problem+json";
  private static final String HOPPER = "Grace Hopper led the team that built the first COBOL "
      + "compiler. Her work made programs readable by people. Hopper also popularised the word "
      + "debugging for fixing compiler faults.";
  private static final String TURING = "Alan Turing described a universal machine in 1936. He "
      + "later asked whether a machine could think like people.";

  @Inject QaConfig config;
  @Inject GraphClient graph;
  @Inject PipelineConfigs configs;

  private final String collection = "ex-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void writeIndexAndGraph() throws IOException {
    SentenceChunker chunker = new SentenceChunker(80, 0);
    try (PassageIndexWriter writer =
        PassageIndexWriter.open(config.dataDir().resolve("index").resolve(collection))) {
      for (Document d : List.of(new Document("hopper", "Grace Hopper", HOPPER),
          new Document("turing", "Alan Turing", TURING))) {
        writer.upsert(d.id(), d.title(), chunker.chunk(d));
      }
      writer.commit();
    }
    new FactGraphWriter(graph).write(collection, "test", List.of(
        new Fact("Kismet", "directed_by", "William Dieterle"),
        new Fact("Kismet", "release_year", "1944")));
  }

  @AfterEach
  void dropGraph() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void explainsTheAnswersThatAskGives() {
    String body = "{\"question\": \"Who built the first COBOL compiler and made programs "
        + "readable by people?\", \"collection\": \"" + collection + "\", \"topK\": 5}";
    JsonPath ask = json(post("/api/v1/ask", body).then().statusCode(200).extract().asString());
    JsonPath ex = json(post("/api/v1/ask/explain", body).then().statusCode(200).extract()
        .asString());
    List<Map<String, Object>> answers = ex.getList("answers");
    assertFalse(answers.isEmpty(), "the reader answers");
    assertEquals(ask.getList("answers"), answers);
    for (String field : List.of("configVersion", "modelVersion", "graphModelVersion")) {
      assertEquals((Object) ask.get(field), ex.get(field), field);
    }
    assertEquals(ask.getMap("reading"), ex.getMap("reading"));
    assertEquals(ask.getList("passages.passageId"), ex.getList("retrieval.passages.passageId"));
    assertTrue(ex.getMap("timings").containsKey("read"));

    List<Map<String, Object>> passages = ex.getList("retrieval.passages");
    assertTrue(passages.size() >= 3, "several passages: " + passages.size());
    assertEquals(5, ex.getInt("retrieval.topK"));
    assertTrue(ex.getBoolean("retrieval.bm25Searched"));
    assertFalse(ex.getBoolean("retrieval.denseSearched"), "this collection has no vectors");
    assertNotNull(ex.get("retrieval.settings.mode"));
    assertNotNull(ex.get("retrieval.cascade.exitScore"));
    int read = ex.getInt("reading.passagesRead");
    assertTrue(read >= 1);
    for (int i = 0; i < passages.size(); i++) {
      Map<String, Object> p = passages.get(i);
      String doc = p.get("docId").equals("hopper") ? HOPPER : TURING;
      assertEquals(doc.substring((Integer) p.get("start"), (Integer) p.get("end")), p.get("text"));
      assertEquals(i + 1, p.get("rank"));
      assertEquals(i < read, p.get("read"), "read flag of rank " + (i + 1));
      // No vectors: the ranking is BM25's own.
      assertEquals(num(p.get("score")), num(p.get("bm25")), 1e-6);
      assertEquals(i + 1, p.get("bm25Rank"));
      assertNull(p.get("dense"));
      assertNull(p.get("denseRank"));
    }
    for (Map<String, Object> a : answers) {
      Map<String, Object> p = passages.stream()
          .filter(x -> x.get("passageId").equals(a.get("passageId"))).findFirst().orElseThrow();
      int base = (Integer) p.get("start");
      assertEquals(a.get("text"), ((String) p.get("text"))
          .substring((Integer) a.get("start") - base, (Integer) a.get("end") - base));
      assertEquals(true, p.get("read"), "an answer comes from a passage read");
    }
    checkSpans(ex, passages, read);
    checkFusion(ex);
  }

  @Test
  void readFlagsAreThePassagesTheReaderRead() {
    PipelineConfig before = configs.current();
    PipelineConfig.Reader r = before.reader();
    PipelineConfig twoRead = before.withVersion("explain-read-2").withCascade(
        PipelineConfig.Cascade.OFF).withReader(new PipelineConfig.Reader(2, r.windowTokens(),
        r.stride(), r.maxAnswerTokens(), r.minScore(), r.passageWeight()));
    // exitScore 0: the first round is always confident enough, so one passage is read.
    PipelineConfig earlyExit = twoRead.withVersion("explain-exit")
        .withCascade(new PipelineConfig.Cascade(1, 0.0));
    try {
      configs.swap(twoRead);
      assertReadFlags(2, 1);
      configs.swap(earlyExit);
      assertReadFlags(1, 1);
    } finally {
      configs.swap(before);
    }
  }

  private void assertReadFlags(int read, int rounds) {
    JsonPath ex = json(post("/api/v1/ask/explain", "{\"question\": \"compiler people machine "
        + "Hopper Turing\", \"collection\": \"" + collection + "\", \"topK\": 5}")
        .then().statusCode(200).extract().asString());
    assertEquals(read, ex.getInt("reading.passagesRead"));
    assertEquals(rounds, ex.getInt("reading.rounds"));
    List<Boolean> flags = ex.getList("retrieval.passages.read");
    assertEquals(5, flags.size());
    for (int i = 0; i < flags.size(); i++) {
      assertEquals(i < read, flags.get(i), "read flag of rank " + (i + 1));
    }
    assertEquals(ex.getList("retrieval.passages.passageId").subList(0, read),
        ex.getList("spans.passageId"));
  }

  /** One entry per passage read, at most 3 spans each, whose offsets slice back to them. */
  private static void checkSpans(JsonPath ex, List<Map<String, Object>> passages, int read) {
    List<Map<String, Object>> spans = ex.getList("spans");
    assertEquals(read, spans.size());
    boolean any = false;
    for (int i = 0; i < read; i++) {
      Map<String, Object> p = passages.get(i);
      assertEquals(p.get("passageId"), spans.get(i).get("passageId"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> top = (List<Map<String, Object>>) spans.get(i).get("spans");
      assertTrue(top.size() <= 3, "at most 3 spans: " + top.size());
      double previous = Double.MAX_VALUE;
      for (Map<String, Object> s : top) {
        any = true;
        String text = (String) p.get("text");
        int start = (Integer) s.get("start");
        int end = (Integer) s.get("end");
        assertEquals(text.substring(start, end), s.get("text"));
        assertEquals((Integer) p.get("start") + start, s.get("docStart"));
        assertEquals((Integer) p.get("start") + end, s.get("docEnd"));
        double probability = num(s.get("probability"));
        assertTrue(probability <= previous && probability >= 0 && probability <= 1);
        previous = probability;
      }
    }
    assertTrue(any, "the reader proposed spans");
  }

  /** Every answer's fused score is (1 - w) * textScore + w * kgScore. */
  private static void checkFusion(JsonPath ex) {
    double w = ex.getDouble("fusion.kgWeight");
    List<Map<String, Object>> fused = ex.getList("fusion.answers");
    assertEquals(ex.getList("answers.text"), ex.getList("fusion.answers.text"));
    for (Map<String, Object> f : fused) {
      double text = f.get("textScore") == null ? 0 : num(f.get("textScore"));
      double kg = f.get("kgScore") == null ? 0 : num(f.get("kgScore"));
      assertEquals((1 - w) * text + w * kg, num(f.get("score")), 1e-9, f.toString());
      if (((String) f.get("source")).startsWith("text")) {
        assertNotNull(f.get("textScore"), f.toString());
        assertNotNull(f.get("readerScore"), f.toString());
      }
    }
  }

  @Test
  void showsTheGraphStagesSteps() {
    JsonPath ex = json(post("/api/v1/ask/explain", "{\"question\": \"who directed [Kismet]\", "
        + "\"collection\": \"" + collection + "\"}").then().statusCode(200)
        .body("graph.entity.name", equalTo("Kismet"))
        .body("graph.executed", equalTo("directed_by"))
        .body("graph.answers[0].text", equalTo("William Dieterle"))
        .body("answers.text", hasItem("William Dieterle"))
        .extract().asString());
    assertFalse(ex.getList("graph.paths").isEmpty());
    double kg = ex.getDouble("graph.answers[0].confidence");
    Map<String, Object> fused = ex.<Map<String, Object>>getList("fusion.answers").stream()
        .filter(f -> f.get("text").equals("William Dieterle")).findFirst().orElseThrow();
    assertEquals(kg, num(fused.get("kgScore")), 1e-9);
    assertTrue(((String) fused.get("source")).contains("kg"));
    checkFusion(ex);
  }

  @Test
  void badRequestsGetProblemBodies() {
    post("/api/v1/ask/explain", "").then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("request body is empty"));
    post("/api/v1/ask/explain", "{\"question\": \" \"}").then().statusCode(400)
        .contentType(PROBLEM).body("detail", equalTo("question must be a non-blank string"));
    post("/api/v1/ask/explain", "{\"question\": \"q\", \"topK\": 101}").then().statusCode(400)
        .contentType(PROBLEM).body("detail", equalTo("topK must be in [1, 100]"));
    post("/api/v1/ask/explain", "{\"question\": \"q\", \"collection\": \"../etc\"}").then()
        .statusCode(400).contentType(PROBLEM).body("detail", containsString("collection must"));
    post("/api/v1/ask/explain", "{\"question\": \"q\", \"collection\": \"never-ingested\"}")
        .then().statusCode(404).contentType(PROBLEM);
  }

  @Test
  void passagesAndDocumentsByIdFromTheIndex() {
    given().get("/api/v1/passages/hopper::p1?collection=" + collection).then().statusCode(200)
        .body("passageId", equalTo("hopper::p1"))
        .body("docId", equalTo("hopper"))
        .body("title", equalTo("Grace Hopper"))
        .body("text", equalTo("Her work made programs readable by people."))
        .body("start", equalTo(HOPPER.indexOf("Her work")))
        .body("end", equalTo(HOPPER.indexOf("Her work") + 42))
        .body("collection", equalTo(collection));
    List<Map<String, Object>> doc = given()
        .get("/api/v1/documents/hopper/passages?collection=" + collection)
        .then().statusCode(200).extract().jsonPath().getList("$");
    assertEquals(3, doc.size());
    for (int i = 0; i < doc.size(); i++) {
      Map<String, Object> p = doc.get(i);
      assertEquals("hopper::p" + i, p.get("passageId"));
      assertEquals(HOPPER.substring((Integer) p.get("start"), (Integer) p.get("end")),
          p.get("text"));
      assertEquals(collection, p.get("collection"));
    }
  }

  @Test
  void unknownOrHostilePassageIdsAreProblemsNotFiles() {
    given().get("/api/v1/passages/hopper::p9?collection=" + collection).then().statusCode(404)
        .contentType(PROBLEM).body("detail", containsString("hopper::p9"));
    given().get("/api/v1/documents/nobody/passages?collection=" + collection).then()
        .statusCode(404).contentType(PROBLEM);
    given().get("/api/v1/passages/hopper::p0?collection=../etc").then().statusCode(400)
        .contentType(PROBLEM).body("detail", containsString("collection must"));
    given().get("/api/v1/documents/hopper/passages?collection=Bad%20Name").then()
        .statusCode(400).contentType(PROBLEM);
    given().get("/api/v1/passages/hopper::p0?collection=never-ingested").then().statusCode(404)
        .contentType(PROBLEM);
    for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "..", "%2E%2E", "..%5Cx")) {
      int status = given().urlEncodingEnabled(false)
          .get("/api/v1/passages/" + id + "?collection=" + collection).statusCode();
      assertTrue(status == 404 || status == 400, id + " -> " + status);
    }
    given().urlEncodingEnabled(false).get("/api/v1/passages/..%2F" + collection
        + "%2Fhopper::p0?collection=" + collection).then().statusCode(404)
        .body("passageId", nullValue());
  }

  /** Decimals as doubles: RestAssured's default reads them as floats. */
  static JsonPath json(String body) {
    return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
  }

  private static double num(Object o) {
    return ((Number) o).doubleValue();
  }

  private static Response post(String path, String json) {
    return given().contentType("application/json").body(json).post(path);
  }
}
