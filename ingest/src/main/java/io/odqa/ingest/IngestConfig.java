package io.odqa.ingest;

import io.odqa.kg.Neo4jSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Every setting of the ingest service; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "odqa")
public interface IngestConfig {
  /** Root of the platform's on-disk state: {@code index/<collection>} and {@code jobs/<id>}. */
  Path dataDir();

  /** The Neo4j server. */
  Neo4jSettings neo4j();

  /** Limits and chunking. */
  Ingest ingest();

  /** Settings of the ingest pipeline. */
  interface Ingest {
    /** Largest accepted document text, in characters; larger ones are rejected as oversized. */
    @WithDefault("1000000")
    int maxDocumentChars();

    /** Most documents one request may carry. */
    @WithDefault("100000")
    int maxDocumentsPerRequest();

    /** Documents per Lucene commit and Neo4j transaction. */
    @WithDefault("200")
    int batchSize();

    /** Passage size and overlap. */
    Chunk chunk();
  }

  /** Settings of the sentence chunker. */
  interface Chunk {
    /** Largest passage, in characters. */
    @WithDefault("1500")
    int maxChars();

    /** Largest overlap between consecutive passages of one document, in characters. */
    @WithDefault("200")
    int overlapChars();
  }
}
