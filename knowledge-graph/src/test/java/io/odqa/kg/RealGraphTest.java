package io.odqa.kg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.kg.schema.GraphSchema;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of tests against the real Neo4j server: connects, applies the schema, gives each test
 * class its own collection, and deletes that collection's nodes afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealGraphTest {
  protected GraphClient graph;
  protected final String collection =
      getClass().getSimpleName().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void connect() {
    graph = TestGraphs.client();
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    GraphSchema.apply(graph);
  }

  @AfterAll
  void dropCollection() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
    graph.close();
  }

  /** The single number {@code cypher} returns, with {@code $c} bound to the collection. */
  protected long count(String cypher) {
    return graph.read(tx -> tx.run(cypher, Map.of("c", collection)).single().get(0).asLong());
  }
}
