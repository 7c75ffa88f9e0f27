package io.odqa.core.index;

import io.odqa.core.model.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes one collection's passages to an on-disk Lucene index. A document's passages are
 * replaced as a unit ({@link IndexWriter#updateDocuments}), so writing the same document twice
 * leaves one copy. Nothing is visible to searchers, or durable, until {@link #commit()}.
 *
 * <p>Not thread-safe for a caller that interleaves {@code upsert} and {@code commit} from many
 * threads without its own ordering; the underlying {@link IndexWriter} itself is thread-safe.
 */
public final class PassageIndexWriter implements AutoCloseable {
  private final FSDirectory directory;
  private final IndexWriter writer;

  private PassageIndexWriter(FSDirectory directory, IndexWriter writer) {
    this.directory = directory;
    this.writer = writer;
  }

  /** Opens (creating if absent) the index in {@code dir}. */
  public static PassageIndexWriter open(Path dir) throws IOException {
    Files.createDirectories(dir);
    FSDirectory directory = FSDirectory.open(dir);
    IndexWriterConfig config = new IndexWriterConfig(PassageFields.analyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    try {
      return new PassageIndexWriter(directory, new IndexWriter(directory, config));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Replaces every passage of document {@code docId} with {@code passages}. */
  public void upsert(String docId, String title, List<Passage> passages) throws IOException {
    List<org.apache.lucene.document.Document> docs = new ArrayList<>(passages.size());
    for (Passage passage : passages) {
      docs.add(PassageFields.toLucene(passage, title));
    }
    writer.updateDocuments(new Term(PassageFields.DOC_ID, docId), docs);
  }

  /** Removes every passage of document {@code docId}. */
  public void delete(String docId) throws IOException {
    writer.deleteDocuments(new Term(PassageFields.DOC_ID, docId));
  }

  /** Makes every change so far durable and visible to newly opened readers. */
  public void commit() throws IOException {
    writer.commit();
  }

  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } finally {
      directory.close();
    }
  }
}
