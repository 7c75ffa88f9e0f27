package io.odqa.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.model.Document;
import io.odqa.core.text.SentenceChunker;
import io.odqa.kg.schema.GraphSchema;
import io.odqa.kg.write.DocumentGraphWriter;
import io.odqa.kg.write.DocumentGraphWriter.DocumentPassages;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real Neo4j server: writes are idempotent and replace stale passages. */
class DocumentGraphWriterTest {
  private static GraphClient graph;
  private static final String COLLECTION = "kg-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void connect() {
    graph = TestGraphs.client();
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    GraphSchema.apply(graph);
  }

  @AfterAll
  static void cleanUp() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", COLLECTION)).consume());
    graph.close();
  }

  @Test
  void upsertTwiceKeepsOneCopyAndShrinksToTheNewVersion() {
    SentenceChunker chunker = new SentenceChunker(50, 0);
    DocumentGraphWriter writer = new DocumentGraphWriter(graph);
    Document v1 = new Document("d1", "Title", "First sentence here. Second sentence there. Third one.");
    Document other = new Document("d2", "", "Another document entirely.");
    List<DocumentPassages> batch = List.of(
        new DocumentPassages(v1, chunker.chunk(v1)), new DocumentPassages(other, chunker.chunk(other)));

    writer.upsert(COLLECTION, batch);
    writer.upsert(COLLECTION, batch);
    assertEquals(2, count("MATCH (d:Document {collection: $c}) RETURN count(d)"));
    assertEquals(3, count("MATCH (:Document {collection: $c})-[:HAS_PASSAGE]->(p) RETURN count(p)"));

    Document v2 = new Document("d1", "Title", "Only one sentence now.");
    writer.upsert(COLLECTION, List.of(new DocumentPassages(v2, chunker.chunk(v2))));
    assertEquals(2, count("MATCH (p:Passage {collection: $c}) RETURN count(p)"));
    assertEquals(22, count("MATCH (p:Passage {collection: $c, id: 'd1::p0'}) RETURN p.end"));
  }

  private long count(String cypher) {
    return graph.read(tx -> tx.run(cypher, Map.of("c", COLLECTION)).single().get(0).asLong());
  }
}
