package io.odqa.ingest;

import static io.odqa.service.testing.AsOperator.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.index.PassageFields;
import io.odqa.ingest.embed.EmbeddingModel;
import io.odqa.kg.GraphClient;
import io.odqa.reader.embed.PassageEncoder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedding stage over REST, the real on-disk Lucene index, the real encoder and the real
 * Neo4j server: once a job is done every passage carries the vector of its own text, and an
 * update or a delete of a document replaces or removes its vectors.
 */
@QuarkusTest
class EmbeddingStageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Closeness of a stored vector to the same text embedded alone (batching pads differently). */
  private static final float TOLERANCE = 1e-4f;

  @Inject GraphClient graph;
  @Inject IngestConfig config;
  @Inject EmbeddingModel model;

  private final String collection = "emb-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void dropCollection() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void everyPassageOfADoneJobHasTheVectorOfItsTitleAndText() throws Exception {
    StringBuilder notes = new StringBuilder();
    for (int i = 1; notes.length() < 2500; i++) {
      notes.append("In note ").append(i).append(" Ada Lovelace described step ").append(i)
          .append(" of computing Bernoulli numbers on the Analytical Engine. ");
    }
    JsonPath job = submit(
        document("lovelace", "Ada Lovelace", notes.toString().trim()),
        document("untitled", "", "Apache Kafka was first developed at LinkedIn."),
        document("neo4j", "Neo4j", "Neo4j was founded in Malmo, Sweden, by Emil Eifrem."));
    assertEquals(3, job.getInt("embedded"));
    int passages = job.getInt("counters.passages");
    assertTrue(passages >= 4, "the long document has several passages: " + passages);
    assertEquals(passages, job.getInt("counters.embedded"));

    List<Indexed> indexed = indexed();
    assertEquals(passages, indexed.size());
    for (Indexed p : indexed) {
      assertVectorOf(p.title().isEmpty() ? p.text() : p.title() + "\n\n" + p.text(), p);
    }

    // The same documents again: nothing is written, and the vectors already there are kept.
    JsonPath again = submit(document("neo4j", "Neo4j", "Neo4j was founded in Malmo, Sweden, by Emil Eifrem."));
    assertEquals(1, again.getInt("counters.skipped_unchanged"));
    assertEquals(1, again.getInt("counters.embedded"), "its passage has its vector");
    assertEquals(passages, indexed().size());
  }

  @Test
  void anUpdateGetsNewVectorsAndADeleteLeavesNone() throws Exception {
    submit(document("d", "Lucene", "Doug Cutting wrote Lucene in 1999."),
        document("other", "Kafka", "Kafka is a distributed log."));
    float[] before = only(indexed(), "d").vector();

    submit(document("d", "Lucene", "Lucene became an Apache project in 2001."));
    Indexed updated = only(indexed(), "d");
    assertEquals("Lucene became an Apache project in 2001.", updated.text());
    assertVectorOf("Lucene\n\nLucene became an Apache project in 2001.", updated);
    assertTrue(dot(before, updated.vector()) < 0.999, "a new text has a new vector");

    given().queryParam("collection", collection).delete("/api/v1/documents/d")
        .then().statusCode(200).body("deleted", equalTo(true));
    List<Indexed> left = indexed();
    assertEquals(List.of("other"), left.stream().map(Indexed::docId).toList(),
        "every live passage has one vector, and none is of the deleted document");
  }

  /** One live passage of the collection's committed index, with its vector. */
  private record Indexed(String docId, String title, String text, String model, float[] vector) {}

  /**
   * Every live passage of the committed index; fails unless each one has exactly one vector
   * (vectors counted over the leaves equal the live documents).
   */
  private List<Indexed> indexed() throws IOException {
    List<Indexed> out = new ArrayList<>();
    try (FSDirectory dir = FSDirectory.open(config.dataDir().resolve("index").resolve(collection));
        DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext context : reader.leaves()) {
        LeafReader leaf = context.reader();
        FloatVectorValues values = leaf.getFloatVectorValues(PassageFields.VECTOR);
        Bits live = leaf.getLiveDocs();
        for (int d = values == null ? DocIdSetIterator.NO_MORE_DOCS : values.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
          if (live == null || live.get(d)) {
            Document doc = leaf.storedFields().document(d);
            out.add(new Indexed(doc.get(PassageFields.DOC_ID), doc.get(PassageFields.TITLE),
                doc.get(PassageFields.TEXT), doc.get(PassageFields.VECTOR_MODEL),
                values.vectorValue().clone()));
          }
        }
      }
      assertEquals(reader.numDocs(), out.size(), "live passages with a vector");
    }
    return out;
  }

  private void assertVectorOf(String input, Indexed passage) {
    PassageEncoder encoder = model.encoder();
    assertEquals(encoder.version(), passage.model());
    float[] expected = encoder.embedPassages(List.of(input)).get(0);
    assertEquals(PassageEncoder.DIMENSION, passage.vector().length);
    assertArrayEquals(expected, passage.vector(), TOLERANCE, input);
  }

  private static Indexed only(List<Indexed> passages, String docId) {
    List<Indexed> of = passages.stream().filter(p -> p.docId().equals(docId)).toList();
    assertEquals(1, of.size(), "passages of " + docId);
    return of.get(0);
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static String document(String id, String title, String text) throws IOException {
    return JSON.writeValueAsString(Map.of("id", id, "title", title, "text", text));
  }

  private JsonPath submit(String... jsonl) {
    String id = given().contentType("application/x-ndjson").queryParam("collection", collection)
        .body(String.join("\n", jsonl).getBytes(StandardCharsets.UTF_8)).post("/api/v1/documents")
        .then().statusCode(202).extract().path("jobId");
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      JsonPath job = given().get("/api/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
      String status = job.getString("status");
      if (status.equals("done")) {
        return job;
      }
      assertTrue(!status.equals("failed"), "job failed: " + job.getString("error"));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return fail("job " + id + " did not finish in 120 s");
  }
}
