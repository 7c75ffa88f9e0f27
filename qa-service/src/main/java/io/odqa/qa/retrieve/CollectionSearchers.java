package io.odqa.qa.retrieve;

import io.odqa.core.model.CollectionName;
import io.odqa.qa.QaConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.jboss.logging.Logger;

/**
 * One {@link SearcherManager} per collection index under {@code <data-dir>/index}: written there
 * by the ingest service in another process (shared disk), or copied there revision by revision
 * from ingest (replica mode, {@code io.odqa.qa.retrieve.replica}). {@link #refreshed} picks up new
 * commits before a search, so documents become searchable without a restart; replication also
 * calls {@link #reopen} as soon as a revision is in place.
 */
@ApplicationScoped
public class CollectionSearchers {
  private static final Logger LOG = Logger.getLogger(CollectionSearchers.class);

  private final Path root;
  private final Map<CollectionName, SearcherManager> managers = new ConcurrentHashMap<>();

  CollectionSearchers(QaConfig config) {
    this.root = config.dataDir().resolve("index");
  }

  /** The searcher manager of {@code collection}, refreshed to the latest commit. */
  public SearcherManager refreshed(CollectionName collection) {
    SearcherManager manager = managers.computeIfAbsent(collection, this::open);
    try {
      manager.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the index of collection " + collection, e);
    }
    return manager;
  }

  /**
   * Reopens {@code collection}'s searcher on the latest commit, if it is open (else the first
   * search opens it there), waiting for a reopen in progress. Searches that hold the previous
   * searcher finish on it: it is closed when the last of them releases it.
   */
  public void reopen(CollectionName collection) throws IOException {
    SearcherManager manager = managers.get(collection);
    if (manager != null) {
      manager.maybeRefreshBlocking();
    }
  }

  private SearcherManager open(CollectionName collection) {
    Path dir = root.resolve(collection.value());
    try {
      if (!Files.isDirectory(dir)) {
        throw new UnknownCollectionException(collection);
      }
      try (FSDirectory probe = FSDirectory.open(dir)) {
        if (!DirectoryReader.indexExists(probe)) {
          throw new UnknownCollectionException(collection);
        }
      }
      return new SearcherManager(FSDirectory.open(dir), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index of collection " + collection, e);
    }
  }

  @PreDestroy
  void closeAll() {
    managers.forEach((name, manager) -> {
      try {
        manager.close();
      } catch (IOException e) {
        LOG.errorf(e, "closing the searcher of collection %s failed", name);
      }
    });
  }
}
