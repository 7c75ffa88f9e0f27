package io.odqa.qa.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.SpanReader;
import io.odqa.reader.read.Window;
import io.odqa.reader.read.WindowLogits;
import io.odqa.reader.read.Windows;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cache's contract with decoding: over random passages, layouts and logits, compact windows
 * (what a session caches), re-indexed to their passage, decode to exactly the spans that the
 * full input rows decode to, and a smaller cache of windows never exceeds its budget.
 */
class CompactWindowsTest {
  @Test
  void compactWindowsDecodeToTheSameSpans() {
    Random r = new Random(42);
    for (int trial = 0; trial < 200; trial++) {
      int passages = 1 + r.nextInt(4);
      List<QaTokenizer.Tokens> tokens = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int p = 0; p < passages; p++) {
        int n = r.nextInt(400);
        texts.add("x".repeat(4 * n + 1));
        tokens.add(tokens(n, r));
      }
      int windowTokens = 64 + r.nextInt(200);
      ReaderSettings s = ReaderSettings.DEFAULT
          .withWindow(windowTokens, r.nextInt(windowTokens / 4))
          .withMaxAnswerTokens(1 + r.nextInt(30)).withBatching(1 + r.nextInt(20), 8);
      int q = 4 + r.nextInt(20);
      List<WindowLogits> full = new ArrayList<>();
      List<WindowLogits> compact = new ArrayList<>();
      for (Window w : Windows.plan(q, tokens, s)) {
        int seq = w.contextOffset() + w.length() + 1 + r.nextInt(5);
        WindowLogits row = new WindowLogits(w, logits(seq, r), logits(seq, r),
            tokens.get(w.passage()));
        full.add(row);
        // As a session does: cached under passage 0 of its own read, re-indexed when decoded.
        compact.add(row.withPassage(0).compact().withPassage(w.passage()));
      }
      assertEquals(SpanReader.best(full, texts, s), SpanReader.best(compact, texts, s),
          "trial " + trial);
    }
  }

  @Test
  void windowCacheStaysWithinItsBudget() {
    Random r = new Random(7);
    WindowCache cache = new WindowCache(20_000);
    for (int i = 0; i < 100; i++) {
      Window w = new Window(0, 0, 50, 1);
      cache.put(new WindowCache.Key(i, "p", 384, 128, "m"),
          List.of(new WindowLogits(w, logits(51, r), logits(51, r), tokens(50, r))));
      assertTrue(cache.bytes() <= 20_000, "bytes " + cache.bytes());
    }
    assertEquals(null, cache.get(new WindowCache.Key(0, "p", 384, 128, "m")));
    assertTrue(cache.get(new WindowCache.Key(99, "p", 384, 128, "m")) != null);
  }

  /** {@code n} tokens of 3 characters and a space each; a few have no offsets, like specials. */
  private static QaTokenizer.Tokens tokens(int n, Random r) {
    long[] ids = new long[n];
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = 1000 + r.nextInt(1000);
      boolean special = r.nextInt(50) == 0;
      starts[i] = special ? -1 : 4 * i;
      ends[i] = special ? -1 : 4 * i + 3;
    }
    return new QaTokenizer.Tokens(ids, starts, ends);
  }

  /** Logits with frequent exact ties, where tie-breaking shows. */
  private static float[] logits(int seq, Random r) {
    float[] out = new float[seq];
    for (int i = 0; i < seq; i++) {
      out[i] = r.nextInt(4) == 0 ? 1.0f : (float) r.nextGaussian() * 3;
    }
    return out;
  }
}
