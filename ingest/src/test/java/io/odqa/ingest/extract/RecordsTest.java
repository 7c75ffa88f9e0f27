package io.odqa.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The records reject bad values with a message naming the field, the value and the range. */
class RecordsTest {
  private static final Mention HEAD = new Mention("Kafka", 0, 5);
  private static final Mention TAIL = new Mention("LinkedIn", 26, 34);

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void mentionValidatesSpan() {
    assertEquals("end must be in [3, 2147483647], got 3".replace("[3", "[4"),
        message(() -> new Mention("abc", 3, 3)));
    assertTrue(message(() -> new Mention("abc", 0, 4)).contains("text.length must equal"));
    assertTrue(message(() -> new Mention(" ", 0, 1)).startsWith("text must be"));
    assertTrue(message(() -> new Mention("a", -1, 0)).startsWith("start must be in [0,"));
  }

  @Test
  void tripleValidatesConfidenceRelationAndSentence() {
    assertEquals("confidence must be a finite number in [0.0, 1.0], got 1.5",
        message(() -> new ExtractedTriple(HEAD, "was open-sourced by", TAIL, 1.5, "p", 0, 35)));
    assertTrue(message(() -> new ExtractedTriple(HEAD, "r", TAIL, Double.NaN, "p", 0, 35))
        .contains("got NaN"));
    assertTrue(message(() -> new ExtractedTriple(HEAD, " ", TAIL, 0.5, "p", 0, 35))
        .startsWith("relation must be"));
    assertEquals("tail span must lie in the sentence [0, 30], got [26, 34]",
        message(() -> new ExtractedTriple(HEAD, "r", TAIL, 0.5, "p", 0, 30)));
    assertTrue(message(() -> new ExtractedTriple(null, "r", TAIL, 0.5, "p", 0, 35))
        .startsWith("head must be"));
    assertTrue(message(() -> new ExtractedTriple(HEAD, "r", TAIL, 0.5, "p", 10, 5))
        .startsWith("sentenceEnd must be in [11,"));
  }
}
