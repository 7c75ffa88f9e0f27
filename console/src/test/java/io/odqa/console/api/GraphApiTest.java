package io.odqa.console.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.odqa.console.ConsoleSecurityTest;
import io.odqa.console.RandomUsersProfile;
import io.odqa.kg.GraphClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The graph view's reads on the real Neo4j: an entity found by part of its name, its
 * neighbourhood with the relation, its direction and the provenance passage; bad queries get a
 * 400 naming the parameter, an unknown entity a 404, and a hostile name is matched verbatim.
 */
@QuarkusTest
@TestProfile(RandomUsersProfile.class)
class GraphApiTest {
  @Inject GraphClient graph;

  private final String collection = "console-graph-" + UUID.randomUUID().toString().substring(0, 8);
  private String cookie;

  @BeforeEach
  void write() {
    graph.write(tx -> tx.run("""
        CREATE (p:Passage {uid: $c + '/d1::p0', id: 'd1::p0', docId: 'd1', collection: $c})
        CREATE (a:Entity {uid: $c + '/apache lucene', name: 'Apache Lucene', collection: $c})
        CREATE (b:Entity {uid: $c + '/doug cutting', name: 'Doug Cutting', collection: $c})
        CREATE (h:Entity {uid: $c + '/x', name: "x') DETACH DELETE (n", collection: $c})
        CREATE (a)-[:CREATED_BY {relation: 'created by', source: $c + '/d1::p0'}]->(b)""",
        Map.of("c", collection)).consume());
    cookie = ConsoleSecurityTest.login("vw", RandomUsersProfile.VIEWER_PASSWORD);
  }

  @AfterEach
  void delete() {
    graph.write(tx -> tx.run("MATCH (n {collection: $c}) DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void searchAndNeighbourhoodComeFromNeo4j() {
    given().cookie("quarkus-credential", cookie).queryParam("q", "lucene")
        .queryParam("collection", collection).get("/api/graph/entities").then().statusCode(200)
        .body("name", equalTo(List.of("Apache Lucene")));
    given().cookie("quarkus-credential", cookie).urlEncodingEnabled(false)
        .get("/api/graph/entities/" + collection + "%2Fapache%20lucene").then().statusCode(200)
        .body("entity.name", equalTo("Apache Lucene"))
        .body("relations", hasSize(1))
        .body("relations[0].name", equalTo("Doug Cutting"))
        .body("relations[0].outgoing", equalTo(true))
        .body("relations[0].passageId", equalTo("d1::p0"));
    given().cookie("quarkus-credential", cookie).queryParam("q", "') DETACH DELETE (")
        .queryParam("collection", collection).get("/api/graph/entities").then().statusCode(200)
        .body("name", equalTo(List.of("x') DETACH DELETE (n")));
  }

  @Test
  void badQueriesAre400AndUnknownEntities404() {
    given().cookie("quarkus-credential", cookie).queryParam("q", " ")
        .get("/api/graph/entities").then().statusCode(400)
        .body("detail", containsString("q must be"));
    given().cookie("quarkus-credential", cookie).queryParam("q", "a").queryParam("limit", 0)
        .get("/api/graph/entities").then().statusCode(400)
        .body("detail", containsString("limit must be"));
    given().cookie("quarkus-credential", cookie).urlEncodingEnabled(false)
        .get("/api/graph/entities/" + collection + "%2Fnobody").then().statusCode(404);
  }
}
