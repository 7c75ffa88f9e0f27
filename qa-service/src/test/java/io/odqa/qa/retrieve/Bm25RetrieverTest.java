package io.odqa.qa.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.index.PassageFields;
import io.odqa.core.model.Passage;
import io.odqa.core.model.PipelineConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 over an on-disk index: the proximity knob ranks passages whose terms stand together. */
class Bm25RetrieverTest {
  @TempDir
  Path dir;

  private static final String NEAR = "The Norman conquest of England began in 1066 after a"
      + " long dispute over the throne.";
  private static final String APART = "Conquest after conquest: the conquest of the north was"
      + " slow; Norman knights came there much later, long after England had fallen.";

  private static PipelineConfig config(double proximity) {
    return new PipelineConfig("test", 10, 0.9, 0.4, 0.0,
        new PipelineConfig.Reader(5, 384, 128, 30, 0.0, 0.5), new PipelineConfig.Fusion(0.0),
        PipelineConfig.Graph.DEFAULT,
        new PipelineConfig.Retrieval("bm25", 100, "linear", 60, 20.0, proximity),
        PipelineConfig.Cascade.OFF);
  }

  private List<ScoredPassage> search(double proximity, String question) throws IOException {
    try (FSDirectory fs = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(fs)) {
      return new Bm25Retriever().search(new IndexSearcher(reader),
          new QuestionAnalyzer().analyze(question), 10, config(proximity));
    }
  }

  /** Passages that match no question term, so that the terms' IDF is that of a real index. */
  private static final String[] OTHERS = {"Paris has mild weather in spring.",
    "The river floods every autumn after the rains.", "Bread is baked from flour and water.",
    "The orchestra played a symphony by Brahms.", "Copper conducts heat and electricity."};

  private void index(String... texts) throws IOException {
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(fs, new IndexWriterConfig(PassageFields.analyzer()))) {
      for (int i = 0; i < texts.length; i++) {
        String id = "p" + i;
        w.addDocument(PassageFields.toLucene(
            new Passage(id, "d" + i, 0, 0, texts[i].length(), texts[i]), "t"));
      }
      for (int i = 0; i < OTHERS.length; i++) {
        w.addDocument(PassageFields.toLucene(
            new Passage("o" + i, "o" + i, 0, 0, OTHERS[i].length(), OTHERS[i]), "t"));
      }
    }
  }

  @Test
  void proximityRanksAdjacentTermsFirstAndZeroIsPlainBm25() throws IOException {
    index(APART, NEAR);
    String question = "When did the Norman conquest of England start?";
    List<ScoredPassage> plain = search(0.0, question);
    List<ScoredPassage> near = search(0.3, question);
    assertEquals(2, plain.size(), "only the two passages match");
    assertEquals("p0", plain.get(0).passage().id(), "plain BM25: 'conquest' three times wins");
    assertEquals("p1", near.get(0).passage().id(), "the passage with 'norman conquest'");
    // The pairs "norman conquest" and "conquest (of) england" add to NEAR's score only.
    double gainNear = score(near, "p1") - score(plain, "p1");
    double gainApart = score(near, "p0") - score(plain, "p0");
    assertTrue(gainNear > 0, "adjacent pairs add to the score: " + gainNear);
    assertEquals(0.0, gainApart, 1e-6);
  }

  @Test
  void aOneTermQuestionHasNoPairs() throws IOException {
    index(NEAR, APART);
    assertEquals(score(search(0.0, "Norman"), "p0"), score(search(1.0, "Norman"), "p0"), 1e-6);
  }

  private static double score(List<ScoredPassage> hits, String id) {
    return hits.stream().filter(h -> h.passage().id().equals(id)).findFirst().orElseThrow()
        .score();
  }
}
