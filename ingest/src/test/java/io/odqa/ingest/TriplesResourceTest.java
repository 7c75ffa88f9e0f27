package io.odqa.ingest;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Structured triples over REST into the real Neo4j server. */
@QuarkusTest
class TriplesResourceTest {
  @Inject GraphClient graph;
  @Inject IngestConfig config;

  private final String collection = "kb-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void drop() {
    graph.write(tx -> tx.run("MATCH (n:Entity {collection: $c}) DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void pipeTriplesImportOnceAndBadLinesAreCounted() {
    String kb = String.join("\n",
        "Kismet|directed_by|William Dieterle",
        "Kismet|release_year|1944",
        "Kismet|directed_by",
        "|starred_actors|Marlene Dietrich",
        "Kismet|starred_actors|Marlene Dietrich",
        "Kismet|release_year|1944");
    JsonPath first = submit(kb, "pipe");
    assertEquals(3, first.getInt("counters.triples"), "the repeated line is one relationship");
    assertEquals(2, first.getInt("counters.malformed"));
    assertEquals(4, first.getInt("counters.entities"));
    JsonPath second = submit(kb, "pipe");
    assertEquals(0, second.getInt("counters.triples"));
    assertEquals(0, second.getInt("counters.entities"));
    assertEquals(3L, (long) graph.read(tx -> tx.run("MATCH (:Entity {collection: $c})-[r]->() RETURN count(r)",
        Map.of("c", collection)).single().get(0).asLong()));
  }

  @Test
  void aCollectionOfTriplesOnlyHasAnEmptyIndexThatReadersOpen() throws Exception {
    submit("Kismet|directed_by|William Dieterle", "pipe");
    try (FSDirectory dir = FSDirectory.open(config.dataDir().resolve("index").resolve(collection));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      assertEquals(0, reader.numDocs());
    }
  }

  @Test
  void nTriplesUseTheLastIriSegmentAsName() {
    String nt = "<http://ex.org/Douglas_Adams> <http://ex.org/wrote> <http://ex.org/The_Hitchhiker%27s_Guide> .\n"
        + "<http://ex.org/Douglas_Adams> <http://ex.org/born> \"1952\"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n"
        + "not a triple\n";
    submit(nt, "ntriples");
    List<String> names = graph.read(tx -> tx.run(
        "MATCH (h:Entity {collection: $c})-[r]->(t) RETURN h.name + ' ' + type(r) + ' ' + t.name AS s ORDER BY s",
        Map.of("c", collection)).list(r -> r.get("s").asString()));
    assertEquals(List.of("Douglas Adams born 1952", "Douglas Adams wrote The Hitchhiker's Guide"), names);
  }

  @Test
  void emptyOrAllBadBodiesAreRejected() {
    given().contentType("text/plain").queryParam("collection", collection).body(new byte[0])
        .post("/api/v1/triples").then().statusCode(400).contentType("application/problem+json");
    given().contentType("text/plain").queryParam("collection", collection).body("a|b")
        .post("/api/v1/triples").then().statusCode(400)
        .body("errors[0].message", equalTo("expected head|relation|tail, got 2 field(s)"));
  }

  private JsonPath submit(String body, String format) {
    String job = given().contentType("text/plain").queryParam("collection", collection)
        .queryParam("format", format).body(body.getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/triples").then().statusCode(202).extract().path("jobId");
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      JsonPath state = given().get("/api/v1/jobs/" + job).then().extract().jsonPath();
      if (!List.of("queued", "running").contains(state.getString("status"))) {
        assertEquals("done", state.getString("status"), state.prettify());
        return state;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("job " + job + " did not finish");
  }
}
