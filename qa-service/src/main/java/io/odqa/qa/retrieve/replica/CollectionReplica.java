package io.odqa.qa.retrieve.replica;

import io.odqa.core.model.CollectionName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.replicator.IndexReplicationHandler;
import org.apache.lucene.replicator.PerSessionDirectoryFactory;
import org.apache.lucene.replicator.ReplicationClient;
import org.apache.lucene.replicator.http.HttpReplicator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.InfoStream;

/**
 * One collection's replica: its own copy of the index in {@code indexDir}, kept up to date by
 * {@link #update()} from the source's published revisions. The replica holds the index's {@code
 * write.lock} for its lifetime, so no {@link IndexWriter} (say, an ingest service pointed at the
 * same directory by mistake) can write where revisions are copied; it fails to open instead.
 *
 * <p>{@link #update()} copies only the files that the held revision lacks, into a per-session
 * directory under {@code workDir}; they are checked ({@link VerifiedCopyHandler}), moved into the
 * index with {@code segments_N} last, and then {@code onRevision} runs (the searcher reopens). An
 * update that fails anywhere leaves the index at its previous revision.
 */
@SuppressWarnings("deprecation") // Lucene's revision replicator: see index-replication.md
final class CollectionReplica implements AutoCloseable {
  /** A revision's version is its commit generation in hex ({@code IndexRevision}). */
  private static final int VERSION_RADIX = 16;

  /** What the replica holds and when it last heard from the source. */
  record State(String collection, String version, long generation, Instant upToDateAt,
      Instant lastCopyAt, long lastCopyMillis, long lastCopyBytes, int lastCopyFiles,
      long revisionsCopied, long bytesCopied, long failures, String lastError) {
    /** Time since the replica last confirmed it held the source's newest revision. */
    Optional<Duration> staleness(Instant now) {
      return Optional.ofNullable(upToDateAt).map(t -> Duration.between(t, now));
    }
  }

  private final CollectionName collection;
  private final FSDirectory indexDir;
  private final Lock writeLock;
  private final HttpClientConnectionManager connections;
  private final HttpReplicator replicator;
  private final VerifiedCopyHandler handler;
  private final ReplicationClient client;

  private volatile Instant upToDateAt;
  private volatile Instant lastCopyAt;
  private volatile long lastCopyMillis = -1;
  private volatile long revisionsCopied;
  private volatile long bytesCopied;
  private volatile long failures;
  private volatile String lastError;

  private CollectionReplica(CollectionName collection, FSDirectory indexDir, Lock writeLock,
      HttpClientConnectionManager connections, HttpReplicator replicator,
      VerifiedCopyHandler handler, ReplicationClient client) {
    this.collection = collection;
    this.indexDir = indexDir;
    this.writeLock = writeLock;
    this.connections = connections;
    this.replicator = replicator;
    this.handler = handler;
    this.client = client;
  }

  /**
   * Opens the replica of {@code collection} in {@code indexDir}, resuming from the revision it
   * holds there, after deleting what an interrupted copy left behind.
   *
   * @param onRevision runs after each revision is installed
   */
  static CollectionReplica open(CollectionName collection, Path indexDir, Path workDir,
      ReplicaSource source, HttpClientConnectionManager connections, Callable<Boolean> onRevision)
      throws IOException {
    Files.createDirectories(indexDir);
    deleteRecursively(workDir);
    Files.createDirectories(workDir);
    FSDirectory dir = FSDirectory.open(indexDir);
    Lock lock = null;
    HttpReplicator replicator = null;
    try {
      lock = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
      deleteLeftovers(dir);
      VerifiedCopyHandler handler =
          new VerifiedCopyHandler(new IndexReplicationHandler(dir, onRevision));
      replicator = new HttpReplicator(source.host(), source.port(),
          source.collectionPath(collection), connections);
      ReplicationClient client = new ReplicationClient(replicator, handler,
          new PerSessionDirectoryFactory(workDir));
      return new CollectionReplica(collection, dir, lock, connections, replicator, handler,
          client);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(replicator, lock, dir);
      connections.shutdown();
      throw e;
    }
  }

  /**
   * Deletes every index file that the last commit does not reference (a copy interrupted by a
   * crash leaves files that would block the next copy of the same names), and everything but the
   * lock when there is no commit at all.
   */
  private static void deleteLeftovers(Directory dir) throws IOException {
    IndexCommit last = IndexReplicationHandler.getLastCommit(dir);
    if (last != null) {
      IndexReplicationHandler.cleanupOldIndexFiles(dir, last.getSegmentsFileName(),
          InfoStream.NO_OUTPUT);
    }
    for (String file : dir.listAll()) {
      if (last == null ? !file.equals(IndexWriter.WRITE_LOCK_NAME)
          : file.startsWith("pending_segments_")) {
        dir.deleteFile(file);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Copies the source's newest revision if it is newer than the one held; records the outcome.
   *
   * @throws IOException when the source cannot be reached or a copy fails; the index stays at the
   *     revision it held
   */
  void update() throws IOException {
    Instant start = Instant.now();
    String before = handler.currentVersion();
    long t0 = System.nanoTime();
    try {
      client.updateNow();
    } catch (IOException | RuntimeException e) {
      failures++;
      lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
      throw e;
    }
    upToDateAt = start;
    lastError = null;
    if (!Objects.equals(before, handler.currentVersion())) {
      lastCopyAt = Instant.now();
      lastCopyMillis = (System.nanoTime() - t0) / 1_000_000;
      revisionsCopied++;
      bytesCopied += handler.lastBytes();
    }
  }

  /** What the replica holds now. */
  State state() {
    String version = handler.currentVersion();
    return new State(collection.value(), version,
        version == null ? -1 : Long.parseLong(version, VERSION_RADIX),
        upToDateAt, lastCopyAt, lastCopyMillis, handler.lastBytes(), handler.lastFiles(),
        revisionsCopied, bytesCopied, failures, lastError);
  }

  /** Whether a revision has been copied (now or by an earlier run). */
  boolean hasRevision() {
    return handler.currentVersion() != null;
  }

  /** Makes an update in progress stop before its next file, and every later one fail. */
  void abort() {
    client.close();
  }

  @Override
  public void close() throws IOException {
    client.close();
    try {
      IOUtils.close(replicator, writeLock, indexDir);
    } finally {
      connections.shutdown();
    }
  }
}
