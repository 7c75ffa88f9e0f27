package io.odqa.ingest.index;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.replication.IndexPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * One open {@link PassageIndexWriter} per collection, under {@code <data-dir>/index/<name>}.
 * Lucene allows one writer per index directory, so the service keeps each writer open for its
 * lifetime and closes them all on shutdown. Each writer publishes its commits to replicas through
 * the {@link IndexPublisher}, from the moment it opens.
 */
@ApplicationScoped
public class CollectionIndexes {
  private static final Logger LOG = Logger.getLogger(CollectionIndexes.class);

  private final Path root;
  private final IndexPublisher publisher;
  private final Map<CollectionName, PassageIndexWriter> writers = new ConcurrentHashMap<>();

  CollectionIndexes(IngestConfig config, IndexPublisher publisher) {
    this.root = config.dataDir().resolve("index");
    this.publisher = publisher;
  }

  /**
   * The writer of {@code collection}, opened (and the index created) on first use, and opened
   * again on the last commit when Lucene closed the previous one after a tragic error (a full
   * disk), so that a retried job can go on without a restart.
   */
  public PassageIndexWriter writer(CollectionName collection) {
    PassageIndexWriter current = writers.get(collection);
    if (current != null && !current.isOpen() && writers.remove(collection, current)) {
      LOG.warnf("the index writer of collection %s was closed by an error; opening it again",
          collection);
      try {
        current.close();
      } catch (IOException e) {
        LOG.warnf("closing the broken index writer of collection %s: %s", collection, e);
      }
    }
    return writers.computeIfAbsent(collection, c -> {
      try {
        return PassageIndexWriter.open(root.resolve(c.value()),
            writer -> publisher.publish(c, writer));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the index of collection " + c, e);
      }
    });
  }

  /** Whether {@code collection} has an index on disk (opened by this process or not). */
  public boolean exists(CollectionName collection) {
    return Files.isDirectory(root.resolve(collection.value()));
  }

  /** Every collection with an index directory on disk, by name. */
  public List<CollectionName> names() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(CollectionIndexes::legal).sorted().map(CollectionName::new).toList();
    }
  }

  private static boolean legal(String name) {
    try {
      new CollectionName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @PreDestroy
  void closeAll() {
    publisher.closeAll();
    writers.forEach((name, writer) -> {
      try {
        writer.close();
      } catch (IOException e) {
        LOG.errorf(e, "closing the index of collection %s failed", name);
      }
    });
    writers.clear();
  }
}
