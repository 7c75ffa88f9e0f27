package io.odqa.ingest;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.odqa.core.index.PassageFields;
import io.odqa.core.model.Passage;
import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ingest over REST into the real on-disk Lucene index and the real Neo4j server. */
@QuarkusTest
class DocumentsResourceTest {
  private static final String PROBLEM = "application/problem+json";

  @Inject GraphClient graph;
  @Inject IngestConfig config;

  private final String collection = "it-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void dropCollection() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void batchGoesOnPastBadItemsAndWritesIndexAndGraph() throws Exception {
    String text = "Ada Lovelace wrote the first program. She worked with Charles Babbage.";
    String body = String.join("\n",
        "{\"id\": \"ada\", \"title\": \"Ada\", \"text\": \"" + text + "\"}",
        "{not json",
        "{\"id\": \"no-text\"}",
        "{\"id\": \"blank\", \"text\": \"   \"}",
        "{\"id\": \"huge\", \"text\": \"" + "x ".repeat(10_001) + "\"}",
        "{\"id\": 42, \"text\": \"Numbers are fine as ids.\"}");

    JsonPath submitted = given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
        .queryParam("collection", collection)
        .when().post("/api/v1/documents")
        .then().statusCode(202)
        .body("accepted", equalTo(2)).body("rejected", equalTo(4))
        .body("errors.kind", equalTo(java.util.List.of("malformed", "malformed", "empty", "oversized")))
        .body("errors[0].item", equalTo(2))
        .extract().jsonPath();

    JsonPath job = awaitDone(submitted.getString("jobId"));
    assertEquals(2, job.getInt("processed"));
    assertEquals(1, job.getInt("counters.empty"));
    assertEquals(2, job.getInt("counters.malformed"));
    assertEquals(1, job.getInt("counters.oversized"));
    assertEquals(2, job.getInt("counters.passages"));

    Path index = config.dataDir().resolve("index").resolve(collection);
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
      assertEquals(2, reader.numDocs());
      for (int i = 0; i < reader.maxDoc(); i++) {
        Passage p = PassageFields.fromLucene(reader.storedFields().document(i));
        if (p.docId().equals("ada")) {
          assertEquals(text.substring(p.start(), p.end()), p.text());
        }
      }
    }
    assertEquals(2L, count("MATCH (d:Document {collection: $c}) RETURN count(d)"));
    assertEquals(2L, count("MATCH (:Document {collection: $c})-[:HAS_PASSAGE]->(p:Passage) RETURN count(p)"));

    // The same batch again: a no-op by content hash, still one copy of everything.
    String again = given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
        .queryParam("collection", collection).post("/api/v1/documents")
        .then().statusCode(202).extract().path("jobId");
    JsonPath second = awaitDone(again);
    assertEquals(2, second.getInt("counters.skipped_unchanged"));
    assertEquals(0, second.getInt("counters.documents"));
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
      assertEquals(2, reader.numDocs());
    }
    assertEquals(2L, count("MATCH (p:Passage {collection: $c}) RETURN count(p)"));
  }

  @Test
  void jsonArrayAndSingleObjectAreAccepted() {
    String id = given().contentType("application/json")
        .body("{\"id\": \"one\", \"text\": \"A single document.\"}")
        .queryParam("collection", collection).post("/api/v1/documents")
        .then().statusCode(202).header("Location", containsString("/api/v1/jobs/"))
        .extract().path("jobId");
    awaitDone(id);
    given().accept("text/plain").get("/api/v1/jobs/" + id)
        .then().statusCode(200).body(containsString("status=done processed=1 total=1"));
    given().contentType("application/json")
        .body("[{\"id\": \"a\", \"text\": \"First.\"}, 7, {\"id\": \"b\", \"text\": \"Second.\"}]")
        .queryParam("collection", collection).post("/api/v1/documents")
        .then().statusCode(202).body("accepted", equalTo(2)).body("errors", hasSize(1));
  }

  @Test
  void badRequestsGetProblemBodies() {
    given().contentType("application/json").body("")
        .post("/api/v1/documents")
        .then().statusCode(400).contentType(PROBLEM)
        .body("status", equalTo(400)).body("detail", containsString("request body is empty"));
    given().contentType("application/json").body("{\"id\": \"x\", \"text\": ")
        .post("/api/v1/documents")
        .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("malformed JSON"));
    given().contentType("application/json").body("{\"id\": \"x\", \"title\": \"no text\"}")
        .post("/api/v1/documents")
        .then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("text is missing or not a string"))
        .body("errors[0].id", equalTo("x"));
    given().contentType("application/json")
        .body("{\"id\": \"big\", \"text\": \"" + "y".repeat(20_001) + "\"}")
        .post("/api/v1/documents")
        .then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("text has 20001 characters, more than "
            + "odqa.ingest.max-document-chars = 20000"));
    given().contentType("application/json").body("[{\"id\": \"\", \"text\": \"t\"}]")
        .post("/api/v1/documents")
        .then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("no valid document in the request (1 rejected)"));
    given().contentType("application/json").body("{\"id\": \"x\", \"text\": \"t\"}")
        .queryParam("collection", "Bad Name!").post("/api/v1/documents")
        .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("collection must match"));
    given().contentType("text/csv").body("id,text").post("/api/v1/documents")
        .then().statusCode(415).contentType(PROBLEM);
    given().get("/api/v1/jobs/no-such-job")
        .then().statusCode(404).contentType(PROBLEM).body("detail", equalTo("no job with id no-such-job"));
  }

  @Test
  void markdownHtmlBeirAndBadBytes() {
    String md = given().contentType("text/markdown").queryParam("collection", collection)
        .queryParam("id", "notes.md")
        .body("# Lucene notes\n\nLucene was written by **Doug Cutting**.\n".getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/documents").then().statusCode(202).extract().path("jobId");
    String html = given().contentType("text/html").queryParam("collection", collection)
        .queryParam("id", "page.html")
        .body("<html><head><title>Kafka</title><script>var x=1;</script></head><body><p>Kafka is a log.</p><p>It was built at <b>LinkedIn</b>.</p></body></html>")
        .post("/api/v1/documents").then().statusCode(202).extract().path("jobId");
    byte[] beir = ("{\"_id\": \"MED-1\", \"title\": \"t\", \"text\": \"Vitamin D.\"}\n"
        + "{\"_id\": \"MED-2\", \"text\": \"bad \u0000\"}\n").getBytes(StandardCharsets.UTF_8);
    byte[] withBadUtf8 = java.util.Arrays.copyOf(beir, beir.length + 40);
    byte[] tail = "{\"_id\": \"MED-3\", \"text\": \"x\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(tail, 0, withBadUtf8, beir.length, tail.length);
    given().contentType("application/octet-stream").queryParam("format", "beir")
        .queryParam("collection", collection)
        .body(java.util.Arrays.copyOf(withBadUtf8, beir.length + tail.length))
        .post("/api/v1/documents").then().statusCode(202).body("accepted", equalTo(1))
        .body("errors[0].message", containsString("binary content (a NUL byte"))
        .body("errors[1].message", equalTo("invalid UTF-8 at byte 27"));
    awaitDone(md);
    awaitDone(html);
    assertEquals("Lucene notes", graph.read(tx -> tx.run(
        "MATCH (d:Document {collection: $c, id: 'notes.md'}) RETURN d.title", Map.of("c", collection))
        .single().get(0).asString()));
    assertEquals(41L, count("MATCH (d:Document {id: 'page.html', collection: $c}) RETURN d.length"),
        "markup and script stripped: \"Kafka is a log.\\nIt was built at LinkedIn.\"");
    given().contentType("text/plain").queryParam("collection", collection).queryParam("id", "bin")
        .body(new byte[] {'a', 0, 'b'}).post("/api/v1/documents")
        .then().statusCode(400).contentType(PROBLEM)
        .body("detail", equalTo("request body: binary content (a NUL byte at byte 1)"));
  }

  @Test
  void deleteRemovesPassagesAndTriples() throws Exception {
    String id = given().contentType("application/json").queryParam("collection", collection)
        .body("{\"id\": \"d\", \"text\": \"Doug Cutting created Lucene in 1999.\"}")
        .post("/api/v1/documents").then().statusCode(202).extract().path("jobId");
    assertTrue(awaitDone(id).getInt("counters.triples") >= 1, "a triple was extracted");
    given().queryParam("collection", collection).delete("/api/v1/documents/d")
        .then().statusCode(200).body("deleted", equalTo(true));
    assertEquals(0L, count("MATCH (n {collection: $c}) RETURN count(n)"));
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(
        config.dataDir().resolve("index").resolve(collection)))) {
      assertEquals(0, reader.numDocs());
    }
    given().queryParam("collection", collection).delete("/api/v1/documents/d")
        .then().statusCode(404).contentType(PROBLEM);
  }

  @Test
  void healthReportsNeo4j() {
    given().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'neo4j' }.status", equalTo("UP"));
  }

  /**
   * The job once done. Its first embedding batch may load (and, in a clean build, convert) the
   * passage encoder, which takes tens of seconds on a small machine: hence the long deadline.
   */
  private JsonPath awaitDone(String jobId) {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      JsonPath job = given().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
      String status = job.getString("status");
      if (status.equals("done")) {
        return job;
      }
      assertTrue(!status.equals("failed"), "job failed: " + job.getString("error"));
      sleep();
    }
    return fail("job " + jobId + " did not finish in 180 s");
  }

  private long count(String cypher) {
    return graph.read(tx -> tx.run(cypher, Map.of("c", collection)).single().get(0).asLong());
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
