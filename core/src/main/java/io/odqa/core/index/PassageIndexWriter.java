package io.odqa.core.index;

import io.odqa.core.model.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes one collection's passages to an on-disk Lucene index. A document's passages are
 * replaced as a unit ({@link IndexWriter#updateDocuments}), so writing the same document twice
 * leaves one copy. Nothing is visible to searchers, or durable, until {@link #commit()}.
 *
 * <p>Passages get their dense vectors after they were written, by {@link #addVectors}, which
 * checks and replaces under the same lock that {@link #upsert} and {@link #delete} take: an
 * update or delete of a document while its vectors were being computed wins, and stale vectors
 * are never written.
 *
 * <p>The writer keeps commits with a {@link SnapshotDeletionPolicy} (otherwise it keeps only the
 * last commit, as by default), so that a {@link CommitListener} can hold a commit's files while
 * replicas copy them.
 *
 * <p>Not thread-safe for a caller that interleaves {@code upsert} and {@code commit} from many
 * threads without its own ordering; the underlying {@link IndexWriter} itself is thread-safe.
 */
public final class PassageIndexWriter implements AutoCloseable {
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final CommitListener listener;
  /** Orders {@link #addVectors}'s check-and-replace against {@link #upsert} and {@link #delete}. */
  private final ReentrantLock lock = new ReentrantLock();
  /**
   * Orders each commit with its {@link CommitListener} call, so that listeners see commits in
   * the order they were made.
   */
  private final ReentrantLock commitLock = new ReentrantLock();

  /**
   * Told of every commit of the index: once when the writer opens (for the commit it opened
   * at) and after each {@link #commit()}, in commit order, with no other commit in between. The
   * ingest service publishes each commit to its replicas from here.
   */
  @FunctionalInterface
  public interface CommitListener {
    /** Nothing happens on a commit. */
    CommitListener NONE = writer -> { };

    /**
     * The index's latest commit is durable. {@code writer}'s deletion policy is a {@link
     * SnapshotDeletionPolicy}. An exception here propagates to the caller of {@link #commit()},
     * although the commit itself already succeeded.
     */
    void committed(IndexWriter writer) throws IOException;
  }

  private PassageIndexWriter(FSDirectory directory, IndexWriter writer,
      CommitListener listener) {
    this.directory = directory;
    this.writer = writer;
    this.listener = listener;
  }

  /** {@link #open(Path, CommitListener)} with no listener. */
  public static PassageIndexWriter open(Path dir) throws IOException {
    return open(dir, CommitListener.NONE);
  }

  /**
   * Opens (creating if absent) the index in {@code dir}. A new index is committed empty at once:
   * until its first commit a directory has no {@code segments_N} file, and readers cannot open
   * it. {@code listener} is called once before this returns, for that commit or the existing
   * one.
   */
  public static PassageIndexWriter open(Path dir, CommitListener listener) throws IOException {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null (CommitListener.NONE)");
    }
    Files.createDirectories(dir);
    FSDirectory directory = FSDirectory.open(dir);
    IndexWriterConfig config = new IndexWriterConfig(PassageFields.analyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setIndexDeletionPolicy(new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy()));
    try {
      boolean fresh = !DirectoryReader.indexExists(directory);
      IndexWriter writer = new IndexWriter(directory, config);
      try {
        if (fresh) {
          writer.commit();
        }
        listener.committed(writer);
      } catch (IOException | RuntimeException e) {
        writer.close();
        throw e;
      }
      return new PassageIndexWriter(directory, writer, listener);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Replaces every passage of document {@code docId} with {@code passages}, without vectors. */
  public void upsert(String docId, String title, List<Passage> passages) throws IOException {
    List<org.apache.lucene.document.Document> docs = new ArrayList<>(passages.size());
    for (Passage passage : passages) {
      docs.add(PassageFields.toLucene(passage, title));
    }
    lock.lock();
    try {
      writer.updateDocuments(new Term(PassageFields.DOC_ID, docId), docs);
    } finally {
      lock.unlock();
    }
  }

  /** Removes every passage of document {@code docId}. */
  public void delete(String docId) throws IOException {
    lock.lock();
    try {
      writer.deleteDocuments(new Term(PassageFields.DOC_ID, docId));
    } finally {
      lock.unlock();
    }
  }

  /**
   * A near-real-time reader of everything written so far, committed or not (Lucene flushes the
   * writer's buffer into a new segment, without a commit); the caller closes it.
   */
  public DirectoryReader openReader() throws IOException {
    return DirectoryReader.open(writer);
  }

  /**
   * Rewrites each document of {@code batch} with the same passages plus their vectors, if the
   * index still holds exactly the passages that were embedded; a document updated or deleted
   * since is left as it is (its new version is embedded in its own turn). Not durable until
   * {@link #commit()}.
   *
   * @return the items of {@code batch} that were written, in order
   */
  public List<DocumentVectors> addVectors(List<DocumentVectors> batch) throws IOException {
    List<DocumentVectors> written = new ArrayList<>(batch.size());
    lock.lock();
    try (DirectoryReader reader = openReader()) {
      for (DocumentVectors item : batch) {
        IndexedDocument embedded = item.embedded();
        Optional<IndexedDocument> current = IndexedDocument.read(reader, embedded.docId());
        if (current.isEmpty() || !current.get().sameContent(embedded)) {
          continue;
        }
        List<Passage> passages = embedded.passages();
        List<org.apache.lucene.document.Document> docs = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
          docs.add(PassageFields.toLucene(passages.get(i), embedded.title(),
              item.vectors().get(i), item.model()));
        }
        writer.updateDocuments(new Term(PassageFields.DOC_ID, embedded.docId()), docs);
        written.add(item);
      }
    } finally {
      lock.unlock();
    }
    return written;
  }

  /**
   * Makes every change so far durable and visible to newly opened readers, then tells the
   * {@link CommitListener}.
   */
  public void commit() throws IOException {
    commitLock.lock();
    try {
      writer.commit();
      listener.committed(writer);
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * Whether the writer is still open. Lucene closes it for good after a tragic error, such as a
   * full disk while it flushes a segment; the index on disk stays at its last commit.
   */
  public boolean isOpen() {
    return writer.isOpen();
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
