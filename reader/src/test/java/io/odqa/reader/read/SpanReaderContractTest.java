package io.odqa.reader.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.reader.TestModels;
import io.odqa.reader.model.ReaderModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link SpanReader} over random passages: every span slices back to its text,
 * respects the length limit, has a probability in (0, 1], and the list is sorted and bounded;
 * batching windows differently gives the same spans.
 */
class SpanReaderContractTest {
  private static final String[] WORDS = {"Malmö", "Neo4j", "graph", "was", "founded", "in", "2007",
      "by", "Emil", "Eifrem", "—", "naïve", "café", "😀", "résumé", "(BM25)", "k1=0.9", "the",
      "database", "Zürich", "東京", "über", "a", "of", "and", "3.5", "billion", "people", "."};
  private static ReaderModel model;

  @BeforeAll
  static void load() throws Exception {
    model = ReaderModel.load(TestModels.minilm(), "cpu");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static String randomText(Random r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : r.nextInt(10) == 0 ? "  " : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  @Test
  void spansSliceBackAndRespectLimits() {
    Random r = new Random(7);
    ReaderSettings s = new ReaderSettings(64, 16, 16, 5, 10, 8);
    for (int round = 0; round < 8; round++) {
      List<String> passages = new ArrayList<>();
      for (int p = 0; p < 1 + r.nextInt(3); p++) {
        passages.add(randomText(r, 5 + r.nextInt(120)));
      }
      List<Span> spans = SpanReader.read(model, randomText(r, 6), passages, s);
      assertFalse(spans.isEmpty());
      assertTrue(spans.size() <= s.nBest());
      for (int i = 0; i < spans.size(); i++) {
        Span sp = spans.get(i);
        String text = passages.get(sp.passage());
        assertEquals(text.substring(sp.start(), sp.end()), sp.text());
        assertTrue(sp.probability() > 0 && sp.probability() <= 1, "p=" + sp.probability());
        assertTrue(model.tokenizer().tokenize(sp.text()).size() <= s.maxAnswerTokens() + 2,
            "too long: " + sp.text());
        if (i > 0) {
          assertTrue(spans.get(i - 1).probability() >= sp.probability());
        }
      }
    }
  }

  @Test
  void batchingDoesNotChangeTheAnswers() {
    Random r = new Random(11);
    List<String> passages = List.of(randomText(r, 150), randomText(r, 20), randomText(r, 90));
    String q = randomText(r, 5);
    ReaderSettings one = new ReaderSettings(64, 16, 16, 5, 10, 1);
    ReaderSettings many = new ReaderSettings(64, 16, 16, 5, 10, 64);
    List<Span> a = SpanReader.read(model, q, passages, one);
    List<Span> b = SpanReader.read(model, q, passages, many);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).text(), b.get(i).text());
      assertEquals(a.get(i).probability(), b.get(i).probability(), 1e-5);
    }
  }

  @Test
  void windowsCoverEveryTokenWithTheStrideAsOverlap() {
    ReaderSettings s = new ReaderSettings(64, 16, 16, 5, 10, 8);
    int[] lengths = {0, 1, 44, 45, 46, 200};
    for (int n : lengths) {
      QaTokenizer.Tokens t = new QaTokenizer.Tokens(new long[n], new int[n], new int[n]);
      List<Window> ws = Windows.plan(10, List.of(t), s);
      boolean[] covered = new boolean[n];
      for (int i = 0; i < ws.size(); i++) {
        Window w = ws.get(i);
        assertTrue(w.contextOffset() + w.length() + 1 <= s.maxSeqLength());
        for (int k = w.first(); k < w.first() + w.length(); k++) {
          covered[k] = true;
        }
        if (i > 0) {
          Window prev = ws.get(i - 1);
          assertEquals(s.stride(), prev.first() + prev.length() - w.first(), "overlap at n=" + n);
        }
      }
      for (boolean c : covered) {
        assertTrue(c, "uncovered token at n=" + n);
      }
    }
  }
}
