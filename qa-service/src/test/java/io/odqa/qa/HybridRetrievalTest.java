package io.odqa.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.index.DocumentVectors;
import io.odqa.core.index.IndexedDocument;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Document;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.text.SentenceChunker;
import io.odqa.qa.config.PipelineConfigs;
import io.odqa.qa.retrieve.QuestionAnalyzer;
import io.odqa.qa.retrieve.Retriever;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.reader.embed.PassageEncoder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.junit.jupiter.api.Test;

/**
 * BM25, dense and hybrid retrieval over a real on-disk index whose passages carry bge-small
 * vectors written the way the ingest service's embedding stage writes them, with the real
 * question encoder.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class HybridRetrievalTest {
  private static final List<Document> DOCUMENTS = List.of(
      new Document("fleming", "", "Penicillin was discovered in 1928 by Alexander Fleming at"
          + " St Mary's Hospital in London."),
      new Document("olympics", "", "The first modern Olympic Games were held in Athens in 1896."),
      new Document("kafka", "", "Apache Kafka is a distributed event store and stream-processing"
          + " platform."),
      new Document("lucene", "", "Apache Lucene is a search engine library written in Java."),
      new Document("everest", "", "Mount Everest is Earth's highest mountain above sea level."));
  /** No index term in common with the Fleming passage: only its meaning matches. */
  private static final String QUESTION = "Who found the first antibiotic?";

  @Inject QaConfig config;
  @Inject Retriever retriever;
  @Inject QuestionAnalyzer analyzer;
  @Inject PipelineConfigs configs;

  private CollectionName write(boolean vectors) throws IOException {
    CollectionName collection = new CollectionName("hy-" + UUID.randomUUID().toString()
        .substring(0, 8));
    SentenceChunker chunker = new SentenceChunker(500, 0);
    Path dir = config.dataDir().resolve("index").resolve(collection.value());
    try (PassageIndexWriter writer = PassageIndexWriter.open(dir)) {
      for (Document d : DOCUMENTS) {
        writer.upsert(d.id(), d.title(), chunker.chunk(d));
      }
      writer.commit();
      if (vectors) {
        Path model = config.dense().modelDir()
            .orElse(config.dataDir().resolve("models").resolve("bge-small"));
        try (PassageEncoder encoder = PassageEncoder.open(model, "cpu");
            DirectoryReader reader = writer.openReader()) {
          List<DocumentVectors> batch = new ArrayList<>();
          for (Document d : DOCUMENTS) {
            IndexedDocument indexed = IndexedDocument.read(reader, d.id()).orElseThrow();
            batch.add(new DocumentVectors(indexed, encoder.embedPassages(indexed.passages()
                .stream().map(p -> p.text()).toList()), encoder.version()));
          }
          assertEquals(DOCUMENTS.size(), writer.addVectors(batch).size());
        }
        writer.commit();
      }
    }
    return collection;
  }

  private List<String> retrieve(CollectionName collection, String mode, String fusion, int k) {
    PipelineConfig c = configs.current().withRetrieval(
        new PipelineConfig.Retrieval(mode, 3, fusion, 60, 20.0, 0.0));
    return retriever.retrieve(collection, analyzer.analyze(QUESTION), k, c).stream()
        .map(ScoredPassage::passage).map(p -> p.docId()).toList();
  }

  @Test
  void denseFindsWhatBm25CannotAndHybridKeepsBoth() throws IOException {
    CollectionName collection = write(true);
    List<String> bm25 = retrieve(collection, "bm25", "linear", 5);
    assertEquals(List.of("olympics"), bm25, "BM25 matches 'first' only");
    assertEquals("fleming", retrieve(collection, "dense", "linear", 5).get(0));
    for (String fusion : List.of("rrf", "linear")) {
      List<String> hybrid = retrieve(collection, "hybrid", fusion, 5);
      assertTrue(hybrid.containsAll(List.of("fleming", "olympics")), fusion + ": " + hybrid);
      assertEquals(hybrid.subList(0, 2), retrieve(collection, "hybrid", fusion, 2),
          fusion + ": a smaller k is a prefix");
    }
  }

  @Test
  void aCollectionWithoutVectorsIsSearchedByBm25Alone() throws IOException {
    CollectionName collection = write(false);
    List<String> hybrid = retrieve(collection, "hybrid", "linear", 5);
    assertEquals(retrieve(collection, "bm25", "linear", 5), hybrid);
    assertFalse(hybrid.contains("fleming"));
  }
}
