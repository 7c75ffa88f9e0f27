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
 * One {@link SearcherManager} per collection index, written by the ingest service in another
 * process. {@link #refreshed} picks up new commits before a search, so documents become
 * searchable without a restart.
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

  private SearcherManager open(CollectionName collection) {
    Path dir = root.resolve(collection.value());
    try {
      if (!Files.isDirectory(dir) || !DirectoryReader.indexExists(FSDirectory.open(dir))) {
        throw new UnknownCollectionException(collection);
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
