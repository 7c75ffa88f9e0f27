package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.odqa.kg.GraphClient;
import io.odqa.kg.write.Fact;
import io.odqa.kg.write.FactGraphWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The graph stage with the shipped relation-path classifier over a tiny movie graph in the real
 * Neo4j: linking, the path run, answers with their path, and /ask on a triples-only collection.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class KgqaTest {
  @Inject GraphClient graph;

  private final String collection = "kgqa-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void writeGraph() {
    new FactGraphWriter(graph).write(collection, "test", List.of(
        new Fact("Kismet", "directed_by", "William Dieterle"),
        new Fact("Kismet", "release_year", "1944"),
        new Fact("Juarez", "directed_by", "William Dieterle"),
        new Fact("Juarez", "release_year", "1939"),
        new Fact("Juarez", "starred_actors", "Bette Davis")));
  }

  @AfterEach
  void dropGraph() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void oneAndTwoHopQuestionsFollowTheirPath() {
    kg("who directed [Kismet]").then().statusCode(200)
        .body("entity.name", equalTo("Kismet"))
        .body("executed", equalTo("directed_by"))
        .body("answers[0].text", equalTo("William Dieterle"))
        .body("answers[0].path", contains("Kismet", "directed_by", "William Dieterle"));
    kg("the films directed by the director of [Kismet] were released in which years")
        .then().statusCode(200)
        .body("answers[0].text", equalTo("1939"));
    kg("what movies did Bette Davis act in").then().statusCode(200)
        .body("entity.name", equalTo("Bette Davis"))
        .body("answers[0].text", equalTo("Juarez"));
  }

  @Test
  void askOnATriplesOnlyCollectionAnswersFromTheGraph() {
    given().contentType("application/json")
        .body(Map.of("question", "who directed [Kismet]", "collection", collection))
        .post("/api/v1/ask").then().statusCode(200)
        .body("answers[0].text", equalTo("William Dieterle"))
        .body("answers[0].source", equalTo("kg"))
        .body("passages.size()", equalTo(0));
    given().contentType("application/json")
        .body(Map.of("question", "who directed [Nothing Known]", "collection", collection))
        .post("/api/v1/ask").then().statusCode(404);
  }

  @Test
  void hostileQuestionsNeverFail() {
    for (String q : new String[] {"who directed [MATCH (n) DETACH DELETE n]", "\\\" ' ` [[ ]]",
        "AND ( OR * ~", "[]"}) {
      kg(q).then().statusCode(200);
    }
    kg("who directed [Kismet]").then().statusCode(200)
        .body("answers.text", hasItem("William Dieterle"));
  }

  private io.restassured.response.Response kg(String question) {
    return given().contentType("application/json")
        .body(Map.of("question", question, "collection", collection)).post("/api/v1/kg");
  }
}
