package io.odqa.ingest;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Collection counts and document pages over the real index and graph. */
@QuarkusTest
class CollectionsResourceTest {
  private final String collection = "cs-" + UUID.randomUUID().toString().substring(0, 8);

  @Inject GraphClient graph;

  @AfterEach
  void dropCollection() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void countsAndPagesFollowWritesAndDeletes() throws InterruptedException {
    String body = String.join("\n",
        "{\"id\": \"c\", \"title\": \"Gamma\", \"text\": \"Marie Curie won two Nobel Prizes.\"}",
        "{\"id\": \"a\", \"title\": \"Alpha\", \"text\": \"Alan Turing was born in London.\"}",
        "{\"id\": \"b\", \"title\": \"Beta\", \"text\": \"Grace Hopper wrote a compiler.\"}");
    String job = given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
        .queryParam("collection", collection).post("/api/v1/documents")
        .then().statusCode(202).extract().path("jobId");
    JsonPath done = awaitDone(job);

    JsonPath one = given().get("/api/v1/collections/" + collection)
        .then().statusCode(200).extract().jsonPath();
    assertEquals(3, one.getInt("documents"));
    assertEquals(done.getInt("counters.passages"), one.getInt("passages"));
    assertTrue(one.getInt("passages") >= 3);
    assertTrue(one.getLong("entities") >= 0, "the graph's counts are there: " + one.prettify());
    List<String> names = given().get("/api/v1/collections").then().statusCode(200)
        .extract().jsonPath().getList("name");
    assertTrue(names.contains(collection), names.toString());

    given().queryParam("limit", 2).get("/api/v1/collections/" + collection + "/documents")
        .then().statusCode(200).body("total", equalTo(3))
        .body("items.id", equalTo(List.of("a", "b"))).body("items[0].title", equalTo("Alpha"))
        .body("items[0].passages", equalTo(1));
    given().queryParam("limit", 2).queryParam("offset", 2)
        .get("/api/v1/collections/" + collection + "/documents")
        .then().statusCode(200).body("items.id", equalTo(List.of("c")));

    given().queryParam("collection", collection).delete("/api/v1/documents/a")
        .then().statusCode(200);
    given().get("/api/v1/collections/" + collection).then().statusCode(200)
        .body("documents", equalTo(2));
    given().get("/api/v1/collections/" + collection + "/documents")
        .then().statusCode(200).body("items.id", equalTo(List.of("b", "c")));
  }

  @Test
  void badNamesAndPagesAreRefusedAndUnknownCollectionsAreNotFound() {
    given().get("/api/v1/collections/no-such-" + collection).then().statusCode(404)
        .contentType("application/problem+json");
    given().get("/api/v1/collections/Bad%20Name").then().statusCode(400)
        .contentType("application/problem+json");
    given().urlEncodingEnabled(false).get("/api/v1/collections/..%2F..%2Fetc/documents")
        .then().statusCode(400);
    given().queryParam("limit", 0).get("/api/v1/collections/default/documents")
        .then().statusCode(400).body("detail", containsString("limit must be in [1, 500]"));
    given().queryParam("offset", -1).get("/api/v1/collections/default/documents")
        .then().statusCode(400).body("detail", containsString("offset"));
  }

  private JsonPath awaitDone(String jobId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      JsonPath job = given().get("/api/v1/jobs/" + jobId).then().statusCode(200)
          .extract().jsonPath();
      if (job.getString("status").equals("done")) {
        return job;
      }
      assertTrue(!job.getString("status").equals("failed"), job.prettify());
      Thread.sleep(200);
    }
    return fail("job " + jobId + " did not finish in 180 s");
  }
}
