package io.odqa.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import io.odqa.core.text.SentenceChunker;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassageIndexWriterTest {

  @TempDir Path dir;

  @Test
  void upsertReplacesADocumentsPassagesAndSurvivesReopen() throws Exception {
    SentenceChunker chunker = new SentenceChunker(50, 0);
    Document v1 = new Document("doc-1", "T", "First sentence here. Second sentence there. Third one.");
    Document v2 = new Document("doc-1", "T", "Only one sentence now.");
    try (PassageIndexWriter writer = PassageIndexWriter.open(dir)) {
      writer.upsert(v1.id(), v1.title(), chunker.chunk(v1));
      writer.commit();
      writer.upsert(v1.id(), v1.title(), chunker.chunk(v1));
      writer.commit();
      assertEquals(2, count(PassageFields.DOC_ID, "doc-1"));
      writer.upsert(v2.id(), v2.title(), chunker.chunk(v2));
      writer.commit();
    }
    assertEquals(1, count(PassageFields.DOC_ID, "doc-1"));
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      Passage stored = PassageFields.fromLucene(reader.storedFields().document(0));
      assertEquals(new Passage("doc-1::p0", "doc-1", 0, 0, 22, "Only one sentence now."), stored);
    }
  }

  private int count(String field, String value) throws Exception {
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      return new IndexSearcher(reader).count(new TermQuery(new Term(field, value)));
    }
  }
}
