package io.odqa.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;

/** Every setting of the ingest service; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "odqa")
public interface IngestConfig {
  /** Root of the platform's on-disk state: {@code index/<collection>} and {@code jobs/<id>}. */
  Path dataDir();

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

    /** Most documents per Lucene commit and Neo4j transaction. */
    @WithDefault("1000")
    int batchSize();

    /**
     * Most characters of spooled documents per batch (the batch ends at whichever limit comes
     * first), which bounds a batch's memory when documents are large.
     */
    @WithDefault("8000000")
    @Positive
    long batchChars();

    /** Passage size and overlap. */
    Chunk chunk();

    /** Triples per Neo4j transaction when importing structured triples. */
    @WithDefault("10000")
    int tripleBatchSize();

    /** Most triples one request may carry. */
    @WithDefault("2000000")
    int maxTriplesPerRequest();

    /** Triple extraction from passage text. */
    Extract extract();

    /** Dense vectors of passages. */
    Embed embed();
  }

  /** Settings of the embedding stage, which stores a dense vector with each passage. */
  interface Embed {
    /** Whether passages get vectors; without, jobs finish with BM25-searchable passages only. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The bge-small model directory, converted from the Maven-shipped ONNX on first use; a
     * relative path is resolved against {@code odqa.data-dir}.
     */
    @WithDefault("models/bge-small")
    Path modelDir();

    /** Where the encoder runs: {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto}. */
    @WithDefault("cpu")
    String device();
  }

  /** Settings of open information extraction. */
  interface Extract {
    /** Whether passages are run through the triple extractor. */
    @WithDefault("true")
    boolean enabled();

    /** Extracted triples below this confidence are not stored. */
    @WithDefault("0.5")
    double minConfidence();

    /** Threads that extract triples; 0 means one per available processor. */
    @WithDefault("0")
    int threads();
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
