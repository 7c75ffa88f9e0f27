package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Document;
import io.odqa.core.text.SentenceChunker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With Neo4j unreachable, /ask (and /ask/explain) still answer from text and report the graph as
 * degraded.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
@TestProfile(GraphDownTest.NoNeo4j.class)
class GraphDownTest {
  /** Points the driver at a port where nothing listens. */
  public static class NoNeo4j implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("odqa.neo4j.uri", "bolt://127.0.0.1:1");
    }
  }

  @Inject QaConfig config;

  @Test
  void answersFromTextAndSaysKgIsDegraded() throws IOException, InterruptedException {
    try (PassageIndexWriter writer =
        PassageIndexWriter.open(config.dataDir().resolve("index").resolve("graph-down"))) {
      writer.upsert("lovelace", "Ada Lovelace", new SentenceChunker(500, 0).chunk(new Document(
          "lovelace", "Ada Lovelace", "Ada Lovelace wrote the first published algorithm.")));
      writer.commit();
    }
    given().contentType("application/json")
        .body("{\"question\": \"Who wrote the first algorithm?\", \"collection\": \"graph-down\"}")
        .post("/api/v1/ask").then().statusCode(200)
        .body("degraded", contains("kg"))
        .body("answers", not(empty()))
        .body("answers.source", everyItem(equalTo("text")));
    // The explanation says the same: no graph trace, the text stages all there.
    given().contentType("application/json")
        .body("{\"question\": \"Who wrote the first algorithm?\", \"collection\": \"graph-down\"}")
        .post("/api/v1/ask/explain").then().statusCode(200)
        .body("degraded", contains("kg"))
        .body("graph", nullValue())
        .body("answers", not(empty()))
        .body("retrieval.passages[0].passageId", equalTo("lovelace::p0"))
        .body("spans[0].passageId", equalTo("lovelace::p0"));
    // Without Neo4j the service stays ready (odqa.neo4j.required-for-readiness=false), and the
    // shared readiness check says the graph is unavailable. Ready waits for the reader warm-up.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    while (given().get("/q/health/ready").statusCode() != 200) {
      org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "never ready");
      Thread.sleep(200);
    }
    given().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'neo4j' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'neo4j' }.data.available", equalTo(false))
        .body("checks.find { it.name == 'reader' }.status", equalTo("UP"));
    // The next request skips the graph for a while instead of trying to connect again.
    given().contentType("application/json")
        .body("{\"question\": \"What did Ada Lovelace write?\", \"collection\": \"graph-down\"}")
        .post("/api/v1/ask").then().statusCode(200)
        .body("degraded", contains("kg"))
        .body("answers", not(empty()));
  }
}
