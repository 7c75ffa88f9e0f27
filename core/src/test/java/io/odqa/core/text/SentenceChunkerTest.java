package io.odqa.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentenceChunkerTest {

  @Test
  void packsWholeSentencesAndOverlapsByTrailingSentences() {
    String text = "  Alpha beta gamma. Delta epsilon zeta! Eta theta iota? Kappa lambda mu.  ";
    // Each sentence is 18-20 chars; 50 fits two sentences, 20 of overlap carries one back.
    List<Passage> passages = new SentenceChunker(50, 20).chunk(new Document("d", "", text));

    assertEquals(List.of(
            "Alpha beta gamma. Delta epsilon zeta!",
            "Delta epsilon zeta! Eta theta iota?",
            "Eta theta iota? Kappa lambda mu."),
        passages.stream().map(Passage::text).toList());
    assertEquals(2, passages.get(0).start());
    assertEquals("d::p1", passages.get(1).id());
    assertEquals(1, passages.get(1).ordinal());
  }

  @Test
  void cutsAnOverlongSentenceAtWhitespace() {
    String word = "abcdefghi ";
    String text = word.repeat(30).trim(); // one 299-char "sentence" without a full stop
    List<Passage> passages = new SentenceChunker(100, 0).chunk(new Document("d", "", text));
    for (Passage p : passages) {
      assertTrue(p.text().length() <= 100, p.text());
      assertFalse(p.text().startsWith(" ") || p.text().endsWith(" "), p.text());
    }
    assertEquals(text.replace(" ", ""),
        String.join("", passages.stream().map(Passage::text).toList()).replace(" ", ""));
  }

  @Test
  void offsetsSliceBackToPassageTextOnRandomDocuments() {
    Random random = new Random(42);
    String[] pieces = {"word", "Mr.", "U.S.", "é", "\uD83D\uDE00", "3.14", ".", "!", "?", " ",
        "  ", "\n", "\n\n", "\t", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};
    for (int iter = 0; iter < 500; iter++) {
      StringBuilder sb = new StringBuilder("x");
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      int max = 50 + random.nextInt(300);
      int overlap = random.nextInt(max / 2 + 1);
      List<Passage> passages = new SentenceChunker(max, overlap).chunk(new Document("d", "", text));

      assertFalse(passages.isEmpty(), "a document with content has a passage");
      int previousStart = -1;
      for (int i = 0; i < passages.size(); i++) {
        Passage p = passages.get(i);
        assertEquals(text.substring(p.start(), p.end()), p.text(), "seed iteration " + iter);
        assertTrue(p.text().length() <= max, "passage longer than max: " + p.text().length());
        assertTrue(p.start() > previousStart, "passages advance");
        assertEquals(i, p.ordinal());
        previousStart = p.start();
      }
      String covered = text.strip();
      assertEquals(text.indexOf(covered), passages.get(0).start(), "first passage starts at content");
      assertEquals(text.indexOf(covered) + covered.length(), passages.get(passages.size() - 1).end());
    }
  }

  @Test
  void rejectsIllegalSizesNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SentenceChunker(10, 0));
    assertEquals("maxChars must be in [50, 100000], got 10", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SentenceChunker(100, 60));
    assertEquals("overlapChars must be in [0, 50], got 60", e.getMessage());
  }
}
