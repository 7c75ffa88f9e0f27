package io.odqa.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.odqa.core.model.Document;
import io.odqa.core.text.SentenceChunker;
import io.odqa.kg.write.DocumentGraphWriter;
import io.odqa.kg.write.DocumentGraphWriter.DocumentPassages;
import io.odqa.kg.write.ExtractedFact;
import io.odqa.kg.write.DocumentGraphWriter.DocumentFacts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Against the real Neo4j server: writes are idempotent and replace stale passages. */
class DocumentGraphWriterTest extends RealGraphTest {

  @Test
  void upsertTwiceKeepsOneCopyAndShrinksToTheNewVersion() {
    SentenceChunker chunker = new SentenceChunker(50, 0);
    DocumentGraphWriter writer = new DocumentGraphWriter(graph);
    Document v1 = new Document("d1", "Title", "First sentence here. Second sentence there. Third one.");
    Document other = new Document("d2", "", "Another document entirely.");
    List<DocumentPassages> batch = List.of(
        new DocumentPassages(v1, chunker.chunk(v1)), new DocumentPassages(other, chunker.chunk(other)));

    writer.upsert(collection, batch);
    writer.upsert(collection, batch);
    assertEquals(2, count("MATCH (d:Document {collection: $c}) WHERE d.id IN ['d1', 'd2'] RETURN count(d)"));
    assertEquals(3, count("MATCH (d:Document {collection: $c})-[:HAS_PASSAGE]->(p) WHERE d.id IN ['d1', 'd2'] RETURN count(p)"));

    Document v2 = new Document("d1", "Title", "Only one sentence now.");
    writer.upsert(collection, List.of(new DocumentPassages(v2, chunker.chunk(v2))));
    assertEquals(2, count("MATCH (p:Passage {collection: $c}) WHERE p.docId IN ['d1', 'd2'] RETURN count(p)"));
    assertEquals(22, count("MATCH (p:Passage {collection: $c, id: 'd1::p0'}) RETURN p.end"));
  }

  @Test
  void theLastVersionOfADocumentInABatchWins() {
    SentenceChunker chunker = new SentenceChunker(50, 0);
    Document v1 = new Document("twice", "", "First sentence here. Second sentence there.");
    Document v2 = new Document("twice", "", "Only one sentence now.");
    new DocumentGraphWriter(graph).upsert(collection, List.of(
        new DocumentPassages(v1, chunker.chunk(v1)), new DocumentPassages(v2, chunker.chunk(v2))));
    assertEquals(1, count("MATCH (d:Document {collection: $c, id: 'twice'}) RETURN count(d)"));
    assertEquals(1, count("MATCH (p:Passage {collection: $c, docId: 'twice'}) RETURN count(p)"));
    assertEquals(v2.contentHash(), new DocumentGraphWriter(graph)
        .contentHashes(collection, List.of("twice")).get("twice"));
  }

  @Test
  void aFailureBeforeCommitLeavesNothingStored() {
    SentenceChunker chunker = new SentenceChunker(50, 0);
    DocumentGraphWriter writer = new DocumentGraphWriter(graph);
    Document doc = new Document("unindexed", "", "The index commit of this one failed.");
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> writer.upsert(collection, List.of(new DocumentPassages(doc, chunker.chunk(doc))),
            () -> {
              throw new IllegalStateException("Lucene commit failed");
            }));
    assertEquals("Lucene commit failed", thrown.getMessage());
    assertEquals(Map.of(), writer.contentHashes(collection, List.of("unindexed")),
        "no stamp, so the next ingest writes the document again");
    assertEquals(0, count("MATCH (p:Passage {collection: $c, docId: 'unindexed'}) RETURN count(p)"));
  }

  @Test
  void extractedRelationsCarryProvenanceAndDeleteRemovesOrphans() {
    DocumentGraphWriter writer = new DocumentGraphWriter(graph);
    Document doc = new Document("lucene", "", "Doug Cutting created Lucene. Lucene powers Solr.");
    Document other = new Document("solr", "", "Solr uses Lucene.");
    List<ExtractedFact> facts = List.of(
        new ExtractedFact("lucene::p0", "Doug Cutting", 0, 12, "created", "Lucene", 21, 27, 0.9),
        new ExtractedFact("lucene::p0", "Lucene", 29, 35, "powers", "Solr", 43, 47, 0.8));
    SentenceChunker chunker = new SentenceChunker(500, 0);
    writer.upsert(collection, List.of(new DocumentPassages(doc, chunker.chunk(doc)),
        new DocumentPassages(other, chunker.chunk(other))));
    assertEquals(Set.of("lucene", "solr"), writer.pendingExtraction(collection,
        Map.of("lucene", doc.contentHash(), "solr", other.contentHash())));
    List<DocumentFacts> extracted = List.of(
        new DocumentFacts("lucene", doc.contentHash(), facts),
        new DocumentFacts("solr", other.contentHash(), List.of(
            new ExtractedFact("solr::p0", "Solr", 0, 4, "uses", "Lucene", 10, 16, 0.7))),
        new DocumentFacts("gone", "no-such-version", facts));
    DocumentGraphWriter.Written written = writer.writeExtracted(collection, extracted);
    assertEquals(3, written.relations());
    assertEquals(3, written.entities());
    assertEquals(Set.of(), writer.pendingExtraction(collection,
        Map.of("lucene", doc.contentHash(), "solr", other.contentHash())));
    assertEquals(new DocumentGraphWriter.Written(0, 0), writer.writeExtracted(collection, extracted),
        "a version already extracted is not written twice");
    assertEquals(Set.of(), writer.pendingExtraction(collection, Map.of("lucene", "stale-stamp")),
        "facts of a version that is no longer stored are not pending");
    assertEquals(12L, count("MATCH (:Entity {name: 'Doug Cutting', collection: $c})-[r:created]->"
        + "(:Entity {name: 'Lucene'}) RETURN r.headEnd"));
    assertEquals(doc.contentHash(), writer.contentHashes(collection, List.of("lucene")).get("lucene"));

    writer.delete(collection, List.of("lucene"));
    assertEquals(0L, count("MATCH (d:Document {collection: $c, id: 'lucene'}) RETURN count(d)"));
    assertEquals(0L, count("MATCH (e:Entity {collection: $c, name: 'Doug Cutting'}) RETURN count(e)"),
        "an entity only the deleted document mentioned is removed");
    assertEquals(1L, count("MATCH (:Entity {collection: $c, name: 'Solr'})-[r:uses]->() RETURN count(r)"),
        "the other document's relations stay");
    assertEquals(2L, count("MATCH (e:Entity {collection: $c}) WHERE e.name IN ['Solr', 'Lucene'] RETURN count(e)"));
  }

  @Test
  void reExtractingANewVersionReplacesTheOldRelations() {
    DocumentGraphWriter writer = new DocumentGraphWriter(graph);
    SentenceChunker chunker = new SentenceChunker(500, 0);
    Document v1 = new Document("hist", "", "Ada Lovelace wrote notes.");
    writer.upsert(collection, List.of(new DocumentPassages(v1, chunker.chunk(v1))));
    writer.writeExtracted(collection, List.of(new DocumentFacts("hist", v1.contentHash(), List.of(
        new ExtractedFact("hist::p0", "Ada Lovelace", 0, 12, "wrote", "notes", 19, 24, 0.9)))));
    Document v2 = new Document("hist", "", "Babbage designed engines.");
    writer.upsert(collection, List.of(new DocumentPassages(v2, chunker.chunk(v2))));
    // A late extraction of v1 (a slow stage) must not attach v1's facts to v2's passages.
    assertEquals(new DocumentGraphWriter.Written(0, 0), writer.writeExtracted(collection,
        List.of(new DocumentFacts("hist", v1.contentHash(), List.of(
            new ExtractedFact("hist::p0", "Ada Lovelace", 0, 12, "wrote", "notes", 19, 24, 0.9))))));
    writer.writeExtracted(collection, List.of(new DocumentFacts("hist", v2.contentHash(), List.of(
        new ExtractedFact("hist::p0", "Babbage", 0, 7, "designed", "engines", 17, 24, 0.9)))));
    assertEquals(0L, count("MATCH (e:Entity {collection: $c, name: 'Ada Lovelace'}) RETURN count(e)"));
    assertEquals(1L, count("MATCH (:Entity {collection: $c})-[r]->(:Entity {collection: $c}) "
        + "WHERE r.source ENDS WITH '/hist::p0' RETURN count(r)"));
  }
}
