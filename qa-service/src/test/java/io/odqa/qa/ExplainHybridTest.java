package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.index.DocumentVectors;
import io.odqa.core.index.IndexedDocument;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Document;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.text.SentenceChunker;
import io.odqa.qa.config.PipelineConfigs;
import io.odqa.reader.embed.PassageEncoder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.lucene.index.DirectoryReader;
import org.junit.jupiter.api.Test;

/**
 * {@code /ask/explain} over passages with real bge-small vectors: each passage's BM25 and dense
 * scores are those its fused score was computed from, by the fusion in force.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class ExplainHybridTest {
  private static final List<Document> DOCUMENTS = List.of(
      new Document("fleming", "", "Penicillin was discovered in 1928 by Alexander Fleming at"
          + " St Mary's Hospital in London."),
      new Document("olympics", "", "The first modern Olympic Games were held in Athens in 1896."),
      new Document("lucene", "", "Apache Lucene is a search engine library written in Java."),
      new Document("everest", "", "Mount Everest is Earth's highest mountain above sea level."));
  /** BM25 matches only "first" (the Olympics); only dense search finds Fleming. */
  private static final String QUESTION = "Who found the first antibiotic?";

  @Inject QaConfig config;
  @Inject PipelineConfigs configs;

  @Test
  void eachPassageCarriesTheScoresItWasFusedFrom() throws IOException {
    String collection = write();
    for (String fusion : List.of("linear", "rrf")) {
      PipelineConfig before = configs.current();
      configs.swap(before.withVersion("explain-" + fusion).withRetrieval(
          new PipelineConfig.Retrieval("hybrid", 100, fusion, 60, 20.0, 0.0)));
      try {
        check(fusion, ExplainResourceTest.json(given().contentType("application/json")
            .body(Map.of("question", QUESTION, "collection", collection, "topK", 10))
            .post("/api/v1/ask/explain").then().statusCode(200).extract().asString()));
      } finally {
        configs.swap(before);
      }
    }
  }

  private static void check(String fusion, JsonPath ex) {
    assertEquals("explain-" + fusion, ex.getString("configVersion"));
    assertEquals(fusion, ex.getString("retrieval.settings.fusion"));
    assertEquals(Boolean.TRUE, ex.get("retrieval.denseSearched"));
    List<Map<String, Object>> passages = ex.getList("retrieval.passages");
    assertEquals(DOCUMENTS.size(), passages.size(), "every passage has a vector");
    Map<String, Object> olympics = byDoc(passages, "olympics");
    Map<String, Object> fleming = byDoc(passages, "fleming");
    assertEquals(1, olympics.get("bm25Rank"));
    assertNull(fleming.get("bm25"), "BM25 cannot find Fleming");
    assertEquals(1, fleming.get("denseRank"), "the nearest passage");
    double bm25Floor = passages.stream().filter(p -> p.get("bm25") != null)
        .mapToDouble(p -> num(p.get("bm25"))).min().orElseThrow();
    double cosineFloor = passages.stream().mapToDouble(p -> num(p.get("dense"))).min()
        .orElseThrow();
    double previous = Double.MAX_VALUE;
    for (Map<String, Object> p : passages) {
      assertNotNull(p.get("dense"), p.toString());
      double expected = fusion.equals("rrf")
          ? rrf(p.get("bm25Rank")) + rrf(p.get("denseRank"))
          : (p.get("bm25") == null ? bm25Floor : num(p.get("bm25")))
              + 20.0 * (p.get("dense") == null ? cosineFloor : num(p.get("dense")));
      assertEquals(expected, num(p.get("score")), 1e-4 * Math.max(1, expected), p.toString());
      assertTrue(num(p.get("score")) <= previous, "fused order");
      previous = num(p.get("score"));
    }
  }

  private static double rrf(Object rank) {
    return rank == null ? 0 : 1.0 / (60 + (Integer) rank);
  }

  private static Map<String, Object> byDoc(List<Map<String, Object>> passages, String docId) {
    return passages.stream().filter(p -> p.get("docId").equals(docId)).findFirst().orElseThrow();
  }

  private static double num(Object o) {
    return ((Number) o).doubleValue();
  }

  /** The documents with their vectors, as the ingest service's embedding stage writes them. */
  private String write() throws IOException {
    String collection = "exh-" + UUID.randomUUID().toString().substring(0, 8);
    SentenceChunker chunker = new SentenceChunker(500, 0);
    Path dir = config.dataDir().resolve("index").resolve(collection);
    try (PassageIndexWriter writer = PassageIndexWriter.open(dir)) {
      for (Document d : DOCUMENTS) {
        writer.upsert(d.id(), d.title(), chunker.chunk(d));
      }
      writer.commit();
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
        writer.addVectors(batch);
      }
      writer.commit();
    }
    return collection;
  }
}
