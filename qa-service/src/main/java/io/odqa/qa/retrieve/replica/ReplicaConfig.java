package io.odqa.qa.retrieve.replica;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Replica mode ({@code odqa.replication.*}); defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "odqa.replication")
public interface ReplicaConfig {
  /**
   * Base URL of the ingest service to copy indexes from, {@code http://host:port}; empty: no
   * replication, the index is read where ingest writes it (a shared {@code odqa.data-dir}).
   */
  Optional<String> source();

  /** Time between two polls of the source, for new collections and new revisions. */
  @WithDefault("5s")
  Duration interval();

  /** Collections to replicate; empty: every collection the source lists, new ones included. */
  Optional<List<String>> collections();

  /** Longest wait for a TCP connection to the source. */
  @WithDefault("2s")
  Duration connectTimeout();
}
