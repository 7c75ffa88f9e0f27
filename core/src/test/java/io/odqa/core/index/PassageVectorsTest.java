package io.odqa.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import io.odqa.core.text.SentenceChunker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dense vectors in the passage index: a new index is readable at once, vectors are validated,
 * and {@link PassageIndexWriter#addVectors} writes them only over the passages they were computed
 * from, so an update or delete made meanwhile wins.
 */
class PassageVectorsTest {
  private static final String MODEL = "test-encoder";
  private static final SentenceChunker CHUNKER = new SentenceChunker(50, 0);

  @TempDir Path dir;

  @Test
  void aNewIndexIsCommittedEmptyAndReadable() throws Exception {
    try (PassageIndexWriter writer = PassageIndexWriter.open(dir)) {
      try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
        assertEquals(0, reader.numDocs());
      }
    }
  }

  @Test
  void vectorsMustBeFiniteUnitLengthAndNamed() {
    Passage p = new Passage("d::p0", "d", 0, 0, 4, "text");
    assertEquals("vector of passage d::p0 has norm 2.0; it must be in [0.999, 1.001] for DOT_PRODUCT",
        assertThrows(IllegalArgumentException.class,
            () -> PassageFields.toLucene(p, "", new float[] {2f, 0f}, MODEL)).getMessage());
    assertEquals("vector of passage d::p0 has NaN at dimension 1; every value must be finite",
        assertThrows(IllegalArgumentException.class,
            () -> PassageFields.toLucene(p, "", new float[] {1f, Float.NaN}, MODEL)).getMessage());
    assertEquals("model must name the encoder of the vector of passage d::p0, got ' '",
        assertThrows(IllegalArgumentException.class,
            () -> PassageFields.toLucene(p, "", new float[] {0f, 1f}, " ")).getMessage());
    assertEquals("vector of passage d::p0 is empty", assertThrows(IllegalArgumentException.class,
        () -> PassageFields.toLucene(p, "", new float[0], MODEL)).getMessage());
  }

  @Test
  void vectorsAreWrittenOnlyOverThePassagesTheyWereComputedFrom() throws Exception {
    Random random = new Random(7);
    Document kept = new Document("kept", "Kept", "One sentence here. Another sentence there. A third.");
    Document updated = new Document("updated", "", "First version of it. With two sentences.");
    Document deleted = new Document("deleted", "Gone", "This one is deleted meanwhile.");
    Map<String, List<float[]>> vectors = new HashMap<>();
    try (PassageIndexWriter writer = PassageIndexWriter.open(dir)) {
      for (Document d : List.of(kept, updated, deleted)) {
        writer.upsert(d.id(), d.title(), CHUNKER.chunk(d));
      }
      List<IndexedDocument> embedded = new ArrayList<>();
      try (DirectoryReader reader = writer.openReader()) {
        assertEquals(CHUNKER.chunk(kept).size() + CHUNKER.chunk(updated).size() + 1,
            reader.numDocs(), "the near-real-time reader sees uncommitted passages");
        for (Document d : List.of(kept, updated, deleted)) {
          IndexedDocument doc = IndexedDocument.read(reader, d.id()).orElseThrow();
          assertEquals(CHUNKER.chunk(d), doc.passages());
          assertEquals(d.title(), doc.title());
          assertEquals("", doc.vectorModel());
          embedded.add(doc);
          vectors.put(d.id(), randomUnitVectors(random, doc.passages().size()));
        }
      }
      // While the vectors were computed: one document changed, one was deleted.
      writer.upsert(updated.id(), updated.title(),
          CHUNKER.chunk(new Document("updated", "", "Second version. Quite different now.")));
      writer.delete(deleted.id());
      List<DocumentVectors> written = writer.addVectors(embedded.stream()
          .map(d -> new DocumentVectors(d, vectors.get(d.docId()), MODEL)).toList());
      writer.commit();
      assertEquals(List.of("kept"), written.stream().map(w -> w.embedded().docId()).toList());
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      IndexedDocument k = IndexedDocument.read(reader, "kept").orElseThrow();
      assertTrue(k.hasVectorsOf(MODEL));
      assertEquals(CHUNKER.chunk(kept), k.passages(), "the same passages, now with vectors");
      IndexedDocument u = IndexedDocument.read(reader, "updated").orElseThrow();
      assertEquals("Second version. Quite different now.", u.passages().get(0).text(), "the update won");
      assertEquals("", u.vectorModel());
      assertTrue(IndexedDocument.read(reader, "deleted").isEmpty(), "the delete won");
      Map<String, float[]> stored = liveVectors(reader);
      assertEquals(k.passages().size(), stored.size(), "only the kept document has vectors");
      for (int i = 0; i < k.passages().size(); i++) {
        assertArrayEquals(vectors.get("kept").get(i), stored.get(k.passages().get(i).id()));
      }
    }
  }

  @Test
  void vectorsAndPassagesMustMatchInNumber() {
    IndexedDocument doc = new IndexedDocument("d", "", List.of(new Passage("d::p0", "d", 0, 0, 1, "x")), "");
    assertEquals("document d has 1 passages but 2 vectors", assertThrows(IllegalArgumentException.class,
        () -> new DocumentVectors(doc, randomUnitVectors(new Random(1), 2), MODEL)).getMessage());
  }

  /** Passage id to vector, over the live documents that have one. */
  private static Map<String, float[]> liveVectors(DirectoryReader reader) throws Exception {
    Map<String, float[]> out = new HashMap<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(PassageFields.VECTOR);
      if (values == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
        if (live == null || live.get(d)) {
          out.put(leaf.reader().storedFields().document(d).get(PassageFields.PASSAGE_ID),
              values.vectorValue().clone());
        }
      }
    }
    return out;
  }

  private static List<float[]> randomUnitVectors(Random random, int n) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[8];
      double norm = 0;
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian();
        norm += v[j] * v[j];
      }
      for (int j = 0; j < v.length; j++) {
        v[j] /= (float) Math.sqrt(norm);
      }
      out.add(v);
    }
    return out;
  }
}
