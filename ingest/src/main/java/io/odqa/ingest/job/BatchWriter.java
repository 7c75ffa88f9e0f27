package io.odqa.ingest.job;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import io.odqa.core.text.Chunker;
import io.odqa.core.text.SentenceChunker;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.extract.ExtractedTriple;
import io.odqa.ingest.extract.TripleExtractor;
import io.odqa.ingest.index.CollectionIndexes;
import io.odqa.kg.resolve.EntityKey;
import io.odqa.kg.resolve.RelationType;
import io.odqa.kg.write.DocumentGraphWriter;
import io.odqa.kg.write.DocumentGraphWriter.DocumentFacts;
import io.odqa.kg.write.DocumentGraphWriter.DocumentPassages;
import io.odqa.kg.write.ExtractedFact;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Writes batches of documents in two stages.
 *
 * <ol>
 *   <li>{@link #write}: a document whose stamp (content hash and pipeline settings) is already
 *       stored is skipped; the others are chunked, indexed and committed in Lucene, and written
 *       to Neo4j in one transaction that also replaces the previous version and commits after
 *       the Lucene commit. From here on the passages are searchable.
 *   <li>{@link #extract}: the documents whose stored version has not been through triple
 *       extraction are chunked again (the chunker is deterministic) and extracted on a pool of
 *       threads, and their triples written in one transaction. Extraction costs far more than
 *       indexing (part-of-speech tagging and chunking of every sentence), so it runs behind the
 *       first stage instead of holding up search.
 * </ol>
 *
 * Both stages key everything by document id and stamp, so replaying a batch after a crash is
 * harmless.
 */
@ApplicationScoped
public class BatchWriter {
  private static final Logger LOG = Logger.getLogger(BatchWriter.class);
  private final Chunker chunker;
  private final CollectionIndexes indexes;
  private final DocumentGraphWriter graph;
  private final TripleExtractor extractor;
  private final boolean extracting;
  private final ForkJoinPool pool;
  /** Runs each batch's Neo4j transaction while the calling thread writes Lucene. */
  private final ExecutorService graphThread = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "ingest-graph");
    thread.setDaemon(true);
    return thread;
  });
  private final double minConfidence;
  /**
   * What else decides a document's passages and triples besides its content. It is stored with
   * the content hash, so changing the chunker or the extractor makes the next ingest of an
   * unchanged document redo it instead of skipping it.
   */
  private final String pipelineSignature;

  BatchWriter(IngestConfig config, CollectionIndexes indexes, DocumentGraphWriter graph,
      TripleExtractor extractor) {
    this.chunker = new SentenceChunker(config.ingest().chunk().maxChars(),
        config.ingest().chunk().overlapChars());
    this.indexes = indexes;
    this.graph = graph;
    this.extractor = extractor;
    this.extracting = config.ingest().extract().enabled();
    int threads = config.ingest().extract().threads();
    if (threads < 0) {
      throw new IllegalArgumentException(
          "odqa.ingest.extract.threads must be >= 0 (0: one per processor), got " + threads);
    }
    this.pool = new ForkJoinPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    this.minConfidence = config.ingest().extract().minConfidence();
    this.pipelineSignature = "chunk=" + config.ingest().chunk().maxChars() + "/"
        + config.ingest().chunk().overlapChars() + ";extract="
        + (config.ingest().extract().enabled() ? extractor.getClass().getSimpleName() + "@" + minConfidence : "off");
  }

  /** Whether documents go through the extraction stage. */
  public boolean extracting() {
    return extracting;
  }

  @PreDestroy
  void shutdown() {
    pool.shutdownNow();
    graphThread.shutdownNow();
  }

  /**
   * Indexes and stores {@code documents} in {@code collection} (stage 1); returns the counter
   * deltas: documents, skipped_unchanged, passages.
   *
   * <p>The Neo4j transaction runs on the {@code ingest-graph} thread while this one indexes and
   * commits in Lucene, and it commits only after the Lucene commit succeeded: a stamp in the graph
   * (which makes the next ingest skip the document) still implies the document is searchable.
   */
  public Map<String, Long> write(CollectionName collection, List<Document> documents)
      throws IOException {
    long t0 = System.nanoTime();
    Map<String, String> stored = graph.contentHashes(collection.value(),
        documents.stream().map(Document::id).toList());
    List<DocumentPassages> changed = new ArrayList<>(documents.size());
    long passages = 0;
    for (Document document : documents) {
      if (!Objects.equals(stored.get(document.id()), stamp(document))) {
        List<Passage> split = chunker.chunk(document);
        changed.add(new DocumentPassages(document, split, stamp(document)));
        passages += split.size();
      }
    }
    long t1 = System.nanoTime();
    CompletableFuture<Void> indexed = new CompletableFuture<>();
    Future<?> graphWrite = graphThread.submit(
        () -> graph.upsert(collection.value(), changed, indexed::join));
    long t2;
    try {
      PassageIndexWriter index = indexes.writer(collection);
      for (DocumentPassages item : changed) {
        index.upsert(item.document().id(), item.document().title(), item.passages());
      }
      t2 = System.nanoTime();
      index.commit();
      indexed.complete(null);
    } catch (IOException | RuntimeException e) {
      indexed.completeExceptionally(e);
      throw e;
    }
    long t3 = System.nanoTime();
    await(graphWrite);
    LOG.infof("wrote %d of %d documents (%d passages): stamps and chunks %d ms, index %d ms, "
        + "commit %d ms, graph done %d ms later", changed.size(), documents.size(), passages,
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
        (System.nanoTime() - t3) / 1_000_000);
    Map<String, Long> deltas = new LinkedHashMap<>();
    deltas.put("documents", (long) changed.size());
    deltas.put("skipped_unchanged", (long) (documents.size() - changed.size()));
    deltas.put("passages", passages);
    return deltas;
  }

  /**
   * Waits for the graph write of a batch; its failure is this batch's failure. (When Lucene
   * fails, {@link #write} throws that before waiting, and the graph transaction rolls back.)
   */
  private static void await(Future<?> write) {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a batch to Neo4j", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("graph write failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Extracts and stores the triples of those {@code documents} whose stored version still needs
   * it (stage 2); returns the counter deltas: triples, entities.
   */
  public Map<String, Long> extract(CollectionName collection, List<Document> documents) {
    long t0 = System.nanoTime();
    Map<String, String> stamps = new LinkedHashMap<>();
    documents.forEach(d -> stamps.put(d.id(), stamp(d)));
    Set<String> pending = graph.pendingExtraction(collection.value(), stamps);
    List<Document> todo = documents.stream().filter(d -> pending.contains(d.id()))
        .collect(Collectors.toMap(Document::id, d -> d, (a, b) -> b, LinkedHashMap::new))
        .values().stream().toList();
    List<DocumentFacts> facts;
    try {
      facts = pool.submit(() -> todo.parallelStream()
          .map(d -> new DocumentFacts(d.id(), stamp(d), extract(chunker.chunk(d))))
          .toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while extracting triples", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("triple extraction failed: " + e.getCause(), e.getCause());
    }
    long t1 = System.nanoTime();
    DocumentGraphWriter.Written written = graph.writeExtracted(collection.value(), facts);
    LOG.infof("extracted %d of %d documents in %d ms, wrote %d triples in %d ms", todo.size(),
        documents.size(), (t1 - t0) / 1_000_000, written.relations(),
        (System.nanoTime() - t1) / 1_000_000);
    return Map.of("triples", written.relations(), "entities", written.entities());
  }

  /**
   * Deletes document {@code docId} from the index and the graph, with its extracted relations
   * and any entity no other document or triple refers to; returns false when it was unknown.
   */
  public boolean delete(CollectionName collection, String docId) throws IOException {
    PassageIndexWriter index = indexes.writer(collection);
    index.delete(docId);
    index.commit();
    return graph.delete(collection.value(), List.of(docId)) > 0;
  }

  private String stamp(Document document) {
    return document.contentHash() + " " + pipelineSignature;
  }

  private List<ExtractedFact> extract(List<Passage> passages) {
    List<ExtractedFact> facts = new ArrayList<>();
    for (Passage passage : passages) {
      for (ExtractedTriple t : extractor.extract(passage)) {
        if (t.confidence() >= minConfidence && !EntityKey.of(t.head().text()).isEmpty()
            && !EntityKey.of(t.tail().text()).isEmpty() && !RelationType.of(t.relation()).isEmpty()) {
          facts.add(new ExtractedFact(passage.id(), t.head().text(), t.head().start(),
              t.head().end(), t.relation(), t.tail().text(), t.tail().start(), t.tail().end(),
              t.confidence()));
        }
      }
    }
    return facts;
  }
}
