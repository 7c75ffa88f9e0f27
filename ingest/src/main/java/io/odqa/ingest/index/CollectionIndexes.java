package io.odqa.ingest.index;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import io.odqa.ingest.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One open {@link PassageIndexWriter} per collection, under {@code <data-dir>/index/<name>}.
 * Lucene allows one writer per index directory, so the service keeps each writer open for its
 * lifetime and closes them all on shutdown.
 */
@ApplicationScoped
public class CollectionIndexes {
  private static final Logger LOG = Logger.getLogger(CollectionIndexes.class);

  private final Path root;
  private final Map<CollectionName, PassageIndexWriter> writers = new ConcurrentHashMap<>();

  CollectionIndexes(IngestConfig config) {
    this.root = config.dataDir().resolve("index");
  }

  /** The writer of {@code collection}, opened (and the index created) on first use. */
  public PassageIndexWriter writer(CollectionName collection) {
    return writers.computeIfAbsent(collection, c -> {
      try {
        return PassageIndexWriter.open(root.resolve(c.value()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the index of collection " + c, e);
      }
    });
  }

  @PreDestroy
  void closeAll() {
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
