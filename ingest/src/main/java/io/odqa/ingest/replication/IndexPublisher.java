package io.odqa.ingest.replication;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.replicator.IndexRevision;
import org.apache.lucene.replicator.LocalReplicator;
import org.apache.lucene.replicator.Replicator;
import org.apache.lucene.store.AlreadyClosedException;
import org.jboss.logging.Logger;

/**
 * One {@link LocalReplicator} per collection, holding the collection's latest commit as an
 * {@link IndexRevision}. {@link #publish} is the {@link PassageIndexWriter.CommitListener} of
 * every collection's writer, so each commit (documents, deletions, vectors) is published from
 * this one place. A revision's files stay on disk while a replica copies them, even when newer
 * commits have replaced them in the index: the writer's snapshot deletion policy keeps them until
 * the replicator releases the revision, or a replica's session on it has been idle for {@code
 * odqa.replication.session-expiration} (a replica that died mid-copy holds nothing for longer).
 */
@ApplicationScoped
public class IndexPublisher {
  private static final Logger LOG = Logger.getLogger(IndexPublisher.class);

  private final Map<CollectionName, LocalReplicator> replicators = new ConcurrentHashMap<>();
  /** The writer whose commits each replicator holds: a reopened writer needs a new one. */
  private final Map<CollectionName, IndexWriter> writers = new ConcurrentHashMap<>();
  private final Map<CollectionName, String> versions = new ConcurrentHashMap<>();
  private final long sessionExpirationMillis;

  IndexPublisher(PublishConfig config) {
    Duration sessionExpiration = config.sessionExpiration();
    if (sessionExpiration.isNegative() || sessionExpiration.isZero()) {
      throw new IllegalArgumentException(
          "odqa.replication.session-expiration must be positive, got " + sessionExpiration);
    }
    this.sessionExpirationMillis = sessionExpiration.toMillis();
  }

  /**
   * Publishes {@code writer}'s latest commit as {@code collection}'s newest revision; the same
   * commit again is ignored. A failure is logged and the commit stays unpublished until the next
   * one: the data is durable in ingest's own index either way, and replicas serve the previous
   * revision meanwhile.
   */
  public synchronized void publish(CollectionName collection, IndexWriter writer) {
    try {
      IndexWriter previous = writers.put(collection, writer);
      if (previous != null && previous != writer) {
        // The writer was reopened (e.g. after a full disk closed it): its commits belong to
        // another Directory instance, which a replicator cannot compare, so start a new one.
        // Replicas carry on from the new revision, whose generation is above theirs.
        close(collection, replicators.remove(collection));
      }
      LocalReplicator replicator = replicators.computeIfAbsent(collection, c -> replicator());
      IndexRevision revision = new IndexRevision(writer);
      String version = revision.getVersion();
      replicator.publish(revision);
      versions.put(collection, version);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // IllegalStateException: no commit to snapshot, or the writer closed by shutdown
      LOG.errorf(e, "publishing the latest commit of collection %s to replicas failed; replicas "
          + "keep the previous revision until the next commit", collection);
    }
  }

  private LocalReplicator replicator() {
    LocalReplicator replicator = new LocalReplicator();
    try {
      replicator.setExpirationThreshold(sessionExpirationMillis);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: a new replicator has no session", e);
    }
    return replicator;
  }

  /** The replicator of {@code collection}, once its index writer has been opened. */
  public Optional<Replicator> replicator(CollectionName collection) {
    return Optional.ofNullable(replicators.get(collection));
  }

  /**
   * The version of {@code collection}'s published revision (its commit generation in hex, as
   * {@link IndexRevision#getVersion()}); empty before the first publish.
   */
  public Optional<String> version(CollectionName collection) {
    return Optional.ofNullable(versions.get(collection));
  }

  /**
   * Closes every replicator, releasing the revisions that replication sessions hold. Called by
   * {@code CollectionIndexes} before it closes the writers, whose snapshots the revisions are;
   * harmless when called again.
   */
  @PreDestroy
  public synchronized void closeAll() {
    replicators.forEach(this::close);
    replicators.clear();
    writers.clear();
  }

  private void close(CollectionName collection, LocalReplicator replicator) {
    if (replicator == null) {
      return;
    }
    try {
      replicator.close();
    } catch (IOException | AlreadyClosedException e) {
      LOG.warnf(e, "closing the replicator of collection %s failed", collection);
    }
  }
}
