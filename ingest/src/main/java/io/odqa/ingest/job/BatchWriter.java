package io.odqa.ingest.job;

import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import io.odqa.core.text.Chunker;
import io.odqa.core.text.SentenceChunker;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.index.CollectionIndexes;
import io.odqa.kg.write.DocumentGraphWriter;
import io.odqa.kg.write.DocumentGraphWriter.DocumentPassages;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one batch of documents: chunk, index and commit in Lucene, then mirror in Neo4j.
 * Both writes replace a document's previous version, so replaying a batch is harmless.
 */
@ApplicationScoped
public class BatchWriter {
  private final Chunker chunker;
  private final CollectionIndexes indexes;
  private final DocumentGraphWriter graph;

  BatchWriter(IngestConfig config, CollectionIndexes indexes, DocumentGraphWriter graph) {
    this.chunker = new SentenceChunker(config.ingest().chunk().maxChars(),
        config.ingest().chunk().overlapChars());
    this.indexes = indexes;
    this.graph = graph;
  }

  /** Writes {@code documents} to {@code collection}; returns the number of passages. */
  public long write(CollectionName collection, List<Document> documents) throws IOException {
    List<DocumentPassages> chunked = new ArrayList<>(documents.size());
    long passages = 0;
    PassageIndexWriter index = indexes.writer(collection);
    for (Document document : documents) {
      List<Passage> split = chunker.chunk(document);
      index.upsert(document.id(), document.title(), split);
      chunked.add(new DocumentPassages(document, split));
      passages += split.size();
    }
    index.commit();
    graph.upsert(collection.value(), chunked);
    return passages;
  }
}
