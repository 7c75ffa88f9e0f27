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
import io.odqa.kg.write.DocumentGraphWriter.DocumentPassages;
import io.odqa.kg.write.ExtractedFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one batch of documents. A document whose content hash is already stored is skipped.
 * The others are chunked, their triples extracted, then indexed and committed in Lucene, and
 * finally written to Neo4j in one transaction that also replaces the previous version. Both
 * stores replace by document id, so replaying a batch after a crash is harmless.
 */
@ApplicationScoped
public class BatchWriter {
  private final Chunker chunker;
  private final CollectionIndexes indexes;
  private final DocumentGraphWriter graph;
  private final TripleExtractor extractor;
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
    this.minConfidence = config.ingest().extract().minConfidence();
    this.pipelineSignature = "chunk=" + config.ingest().chunk().maxChars() + "/"
        + config.ingest().chunk().overlapChars() + ";extract="
        + (config.ingest().extract().enabled() ? extractor.getClass().getSimpleName() + "@" + minConfidence : "off");
  }

  /** Writes {@code documents} to {@code collection}; returns the counter deltas. */
  public Map<String, Long> write(CollectionName collection, List<Document> documents)
      throws IOException {
    Map<String, String> stored = graph.contentHashes(collection.value(),
        documents.stream().map(Document::id).toList());
    List<DocumentPassages> changed = new ArrayList<>(documents.size());
    PassageIndexWriter index = indexes.writer(collection);
    long passages = 0;
    for (Document document : documents) {
      if (Objects.equals(stored.get(document.id()), stamp(document))) {
        continue;
      }
      List<Passage> split = chunker.chunk(document);
      index.upsert(document.id(), document.title(), split);
      changed.add(new DocumentPassages(document, split, extract(split), stamp(document)));
      passages += split.size();
    }
    index.commit();
    DocumentGraphWriter.Written written = graph.upsert(collection.value(), changed);
    Map<String, Long> deltas = new LinkedHashMap<>();
    deltas.put("documents", (long) changed.size());
    deltas.put("skipped_unchanged", (long) (documents.size() - changed.size()));
    deltas.put("passages", passages);
    deltas.put("triples", written.relations());
    deltas.put("entities", written.entities());
    return deltas;
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
