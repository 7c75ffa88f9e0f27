package io.odqa.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.core.index.PassageFields;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.convert.OnnxBertConverter;
import io.odqa.reader.embed.PassageEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the embedding stage, in the packaged service: kill -9 while it is part-way
 * through a job's passages, restart, and the job finishes with every passage in the index once,
 * each with one vector (the vector of its text), and {@code embedded} equal to the passages.
 * Real Lucene, real Neo4j, the real encoder; extraction is off so that embedding is what runs.
 */
class EmbedCrashIT {
  /** Copies of the demo corpus: enough batches that the kill lands with most of them to go. */
  private static final int COPIES = 3;
  /** Passages whose stored vector is checked against the encoder (every k-th by passage id). */
  private static final int CHECK_EVERY = 10;
  private static final String COLLECTION =
      "embed-crash-" + UUID.randomUUID().toString().substring(0, 8);
  private static GraphClient graph;
  private static Path dataDir;

  @BeforeAll
  static void setUp() throws IOException {
    graph = GraphClient.connect(Neo4jSettings.fromEnvironment());
    assertTrue(graph.isAvailable(), "Neo4j must be running: deployments/local/infra.sh start neo4j");
    dataDir = Files.createTempDirectory("odqa-embed-crash-it");
  }

  @AfterAll
  static void tearDown() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", COLLECTION)).consume());
    graph.close();
  }

  @Test
  void killDashNineMidEmbeddingThenRestartGivesEachPassageOneVector() throws Exception {
    // Converted here, as `./odqa up` does before the services start: converting bge-small
    // needs more than the service's 512 MB heap, and the service's first load would fail.
    Path modelDir = OnnxBertConverter.convertIfAbsent(BaseEncoder.BGE_SMALL,
        Path.of(System.getProperty("odqa.embed.model-dir")));
    IngestProcess service = new IngestProcess(dataDir, Map.of(
        "ODQA_INGEST_BATCH_SIZE", "10",
        "ODQA_INGEST_EXTRACT_ENABLED", "false",
        "ODQA_INGEST_EMBED_MODEL_DIR", modelDir.toString(),
        "ODQA_DOCUMENTS_TOPIC", "odqa.documents.embed-crash-it"));
    service.start();
    String id = service.submit(COLLECTION, corpus());
    service.await(id, s -> s.get("embedded").asLong() >= 20, "embedding progress", 300);
    service.kill();
    JsonNode killed = service.savedJob(id);
    assertTrue(killed.get("embedded").asLong() > 0
            && killed.get("embedded").asLong() < killed.get("total").asLong(),
        "the job was killed part-way through embedding: " + killed);

    service.start();
    JsonNode done = service.awaitFinished(id, 600);
    service.stop();
    assertEquals("done", done.get("status").asText(), done.toString());
    assertEquals(36L * COPIES, done.get("total").asLong());
    assertEquals(done.get("total").asLong(), done.get("embedded").asLong());
    long passages = done.at("/counters/passages").asLong();
    assertEquals(passages, done.at("/counters/embedded").asLong(), done.toString());

    List<Stored> stored = stored();
    assertEquals(passages, stored.size(), "each passage is in the index once, with one vector");
    long inGraph = graph.read(tx -> tx.run("MATCH (p:Passage {collection: $c}) RETURN count(p)",
        Map.of("c", COLLECTION)).single().get(0).asLong());
    assertEquals(passages, inGraph, "the graph holds the same passages");
    try (PassageEncoder encoder = PassageEncoder.open(modelDir, "cpu")) {
      List<Stored> sorted =
          stored.stream().sorted(Comparator.comparing(Stored::passageId)).toList();
      List<Stored> sample = IntStream.range(0, sorted.size()).filter(i -> i % CHECK_EVERY == 0)
          .mapToObj(sorted::get).toList();
      List<float[]> expected = encoder.embedPassages(sample.stream().map(Stored::input).toList());
      for (int i = 0; i < sample.size(); i++) {
        assertEquals(encoder.version(), sample.get(i).model());
        assertArrayEquals(expected.get(i), sample.get(i).vector(), 1e-4f, sample.get(i).passageId());
      }
    }
  }

  /** A live passage of the index and its vector. */
  private record Stored(String passageId, String input, String model, float[] vector) {}

  /**
   * Every live passage of the committed index; fails unless each one has exactly one vector
   * and no passage id occurs twice.
   */
  private static List<Stored> stored() throws IOException {
    List<Stored> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (FSDirectory dir = FSDirectory.open(dataDir.resolve("index").resolve(COLLECTION));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext context : reader.leaves()) {
        LeafReader leaf = context.reader();
        FloatVectorValues values = leaf.getFloatVectorValues(PassageFields.VECTOR);
        Bits live = leaf.getLiveDocs();
        for (int d = values == null ? DocIdSetIterator.NO_MORE_DOCS : values.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
          if (live == null || live.get(d)) {
            Document doc = leaf.storedFields().document(d);
            String title = doc.get(PassageFields.TITLE);
            String text = doc.get(PassageFields.TEXT);
            assertNotNull(text);
            assertTrue(ids.add(doc.get(PassageFields.PASSAGE_ID)), "one copy of each passage");
            out.add(new Stored(doc.get(PassageFields.PASSAGE_ID),
                title.isEmpty() ? text : title + "\n\n" + text, doc.get(PassageFields.VECTOR_MODEL),
                values.vectorValue().clone()));
          }
        }
      }
      assertEquals(reader.numDocs(), out.size(), "live passages with a vector");
    }
    return out;
  }

  /** The demo corpus {@link #COPIES} times over, with distinct ids. */
  private static byte[] corpus() throws IOException {
    List<String> lines = Files.readAllLines(Path.of(System.getProperty("odqa.demo.corpus")));
    StringBuilder out = new StringBuilder();
    for (int copy = 0; copy < COPIES; copy++) {
      for (String line : lines) {
        out.append(line.replaceFirst("\"id\": ?\"", "\"id\": \"e" + copy + "-")).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
