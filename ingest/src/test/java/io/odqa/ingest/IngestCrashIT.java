package io.odqa.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the packaged ingest service: kill -9 in the middle of a job, restart, and
 * the job resumes and ends with the same counts (Lucene passages, Neo4j documents, passages,
 * entities and relations) as a clean run of the same input. Real Lucene, real Neo4j.
 */
class IngestCrashIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static GraphClient graph;
  private static Path dataDir;

  @BeforeAll
  static void setUp() throws IOException {
    graph = GraphClient.connect(Neo4jSettings.fromEnvironment());
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    dataDir = Files.createTempDirectory("odqa-crash-it");
  }

  @AfterAll
  static void tearDown() {
    for (String c : List.of("crash-" + RUN, "clean-" + RUN)) {
      graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n", Map.of("c", c)).consume());
    }
    graph.close();
  }

  @Test
  void killDashNineMidJobThenRestartEndsLikeACleanRun() throws Exception {
    byte[] corpus = corpus();
    // Embedding has a crash test of its own (EmbedCrashIT); off here, it would only add minutes.
    IngestProcess service = new IngestProcess(dataDir, Map.of("ODQA_INGEST_BATCH_SIZE", "20",
        "ODQA_DOCUMENTS_TOPIC", "odqa.documents.crash-it", "ODQA_INGEST_EMBED_ENABLED", "false"));
    service.start();
    String crashed = service.submit("crash-" + RUN, corpus);
    service.await(crashed, s -> s.get("processed").asLong() >= 60, "progress", 120);
    service.kill();
    JsonNode killed = service.savedJob(crashed);
    assertTrue(killed.get("extracted").asLong() < killed.get("total").asLong(),
        "the job was killed before it finished: " + killed);

    service.start();
    assertEquals("done", service.awaitFinished(crashed, 300).get("status").asText());
    String clean = service.submit("clean-" + RUN, corpus);
    service.awaitFinished(clean, 300);
    service.stop();

    assertEquals(counts("clean-" + RUN), counts("crash-" + RUN));
    assertEquals(360L, counts("crash-" + RUN).get(0), "every document is there once");
  }

  /** The demo corpus ten times over, with distinct ids: 360 documents. */
  private static byte[] corpus() throws IOException {
    List<String> lines = Files.readAllLines(Path.of(System.getProperty("odqa.demo.corpus")));
    StringBuilder out = new StringBuilder();
    for (int copy = 0; copy < 10; copy++) {
      for (String line : lines) {
        out.append(line.replaceFirst("\"id\": ?\"", "\"id\": \"c" + copy + "-")).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Documents, passages, entities and relations in Neo4j, and passages in Lucene. */
  private static List<Long> counts(String collection) throws IOException {
    List<Long> counts = new ArrayList<>();
    for (String cypher : List.of(
        "MATCH (d:Document {collection: $c}) RETURN count(d)",
        "MATCH (p:Passage {collection: $c}) RETURN count(p)",
        "MATCH (e:Entity {collection: $c}) RETURN count(e)",
        "MATCH (e:Entity {collection: $c})-[r]->(:Entity) RETURN count(r)")) {
      counts.add(graph.read(tx -> tx.run(cypher, Map.of("c", collection)).single().get(0).asLong()));
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(
        dataDir.resolve("index").resolve(collection)))) {
      counts.add((long) reader.numDocs());
    }
    return counts;
  }
}
