package io.odqa.qa.retrieve.replica;

import io.odqa.core.model.CollectionName;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The ingest service a replica copies from, parsed from {@code odqa.replication.source}. Only
 * {@code http} is accepted: Lucene's {@code HttpReplicator} builds {@code http://} URLs itself
 * (put TLS in front of ingest at the network layer, e.g. a service mesh).
 */
record ReplicaSource(String host, int port, String basePath) {
  /** Where ingest serves replication. */
  static final String API_PATH = "/api/v1/replication";

  ReplicaSource {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("odqa.replication.source needs a host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "odqa.replication.source port must be in [1, 65535], got " + port);
    }
  }

  /** Parses {@code http://host[:port][/base]}. */
  static ReplicaSource parse(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("odqa.replication.source is not a URL: " + url, e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("odqa.replication.source must be an http:// URL "
          + "(Lucene's HttpReplicator speaks plain HTTP), got " + url);
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return new ReplicaSource(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort(), path);
  }

  /** The path of {@code collection}'s replication protocol, Lucene's shard path. */
  String collectionPath(CollectionName collection) {
    return basePath + API_PATH + "/" + collection.value();
  }

  /** The URL that lists the source's collections and their versions. */
  URI listing() {
    return URI.create("http://" + host + ":" + port + basePath + API_PATH);
  }
}
