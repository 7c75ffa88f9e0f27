package io.odqa.ingest.replication;

import io.odqa.core.model.CollectionName;
import io.odqa.ingest.index.CollectionIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.replicator.Replicator;

/**
 * What replicas may copy: every collection with an index on disk. A collection's writer opens
 * lazily (on its first write after a restart), and opening it publishes its latest commit, so a
 * replica asking for a collection that this process has not written yet opens it here.
 */
@ApplicationScoped
public class ReplicationSources {
  /** A collection and the version of its published revision (commit generation, hex). */
  public record PublishedIndex(String collection, String version) {}

  private final CollectionIndexes indexes;
  private final IndexPublisher publisher;

  ReplicationSources(CollectionIndexes indexes, IndexPublisher publisher) {
    this.indexes = indexes;
    this.publisher = publisher;
  }

  /** Every collection with an index, by name, each with its published version. */
  public List<PublishedIndex> all() throws IOException {
    List<PublishedIndex> out = new ArrayList<>();
    for (CollectionName name : indexes.names()) {
      replicator(name).ifPresent(r -> out.add(
          new PublishedIndex(name.value(), publisher.version(name).orElse(null))));
    }
    return out;
  }

  /** The replicator of {@code collection}; empty when it has no index. */
  public Optional<Replicator> replicator(CollectionName collection) {
    Optional<Replicator> open = publisher.replicator(collection);
    if (open.isPresent() || !indexes.exists(collection)) {
      return open;
    }
    indexes.writer(collection);
    return publisher.replicator(collection);
  }
}
