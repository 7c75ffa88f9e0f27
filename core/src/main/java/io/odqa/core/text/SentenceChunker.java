package io.odqa.core.text;

import io.odqa.core.model.Checks;
import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packs whole sentences into passages of at most {@code maxChars} characters, and starts each
 * passage with the trailing sentences of the previous one that fit in {@code overlapChars}. A
 * sentence longer than {@code maxChars} is cut at whitespace (or hard, if it has none).
 *
 * <p>Offsets are exact: {@code document.text().substring(p.start(), p.end()).equals(p.text())}.
 * Passages never start or end with whitespace.
 */
public final class SentenceChunker implements Chunker {
  private final int maxChars;
  private final int overlapChars;

  /**
   * @param maxChars largest passage, in characters, in [50, 100000]
   * @param overlapChars largest overlap between consecutive passages, in [0, maxChars / 2]
   */
  public SentenceChunker(int maxChars, int overlapChars) {
    this.maxChars = Checks.requireRange("maxChars", maxChars, 50, 100_000);
    this.overlapChars = Checks.requireRange("overlapChars", overlapChars, 0, maxChars / 2);
  }

  @Override
  public List<Passage> chunk(Document document) {
    String text = document.text();
    List<int[]> units = units(text);
    List<Passage> passages = new ArrayList<>();
    int i = 0;
    while (i < units.size()) {
      int j = i;
      while (j + 1 < units.size() && units.get(j + 1)[1] - units.get(i)[0] <= maxChars) {
        j++;
      }
      int start = units.get(i)[0];
      int end = units.get(j)[1];
      int ordinal = passages.size();
      passages.add(new Passage(Passage.idOf(document.id(), ordinal), document.id(), ordinal,
          start, end, text.substring(start, end)));
      if (j == units.size() - 1) {
        break;
      }
      i = nextStart(units, i, j);
    }
    return passages;
  }

  /** First unit of the next passage: the earliest unit after {@code i} whose tail fits the overlap. */
  private int nextStart(List<int[]> units, int i, int j) {
    int end = units.get(j)[1];
    for (int k = i + 1; k <= j; k++) {
      if (end - units.get(k)[0] <= overlapChars) {
        return k;
      }
    }
    return j + 1;
  }

  /** Sentence spans trimmed of whitespace, with over-long sentences cut to fit. */
  private List<int[]> units(String text) {
    List<int[]> units = new ArrayList<>();
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    sentences.setText(text);
    int from = sentences.first();
    for (int to = sentences.next(); to != BreakIterator.DONE; from = to, to = sentences.next()) {
      int s = from;
      int e = to;
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      cutToFit(text, s, e, units);
    }
    return units;
  }

  private void cutToFit(String text, int s, int e, List<int[]> units) {
    while (e - s > maxChars) {
      int cut = s + maxChars;
      int space = cut;
      while (space > s && !Character.isWhitespace(text.charAt(space))) {
        space--;
      }
      int pieceEnd = space > s ? space : cut;
      int trimmedEnd = pieceEnd;
      while (trimmedEnd > s && Character.isWhitespace(text.charAt(trimmedEnd - 1))) {
        trimmedEnd--;
      }
      // A surrogate pair must not be split, or the passage text would be malformed UTF-16.
      if (trimmedEnd - 1 > s && trimmedEnd < e
          && Character.isHighSurrogate(text.charAt(trimmedEnd - 1))) {
        trimmedEnd--;
        pieceEnd = trimmedEnd;
      }
      if (trimmedEnd > s) {
        units.add(new int[] {s, trimmedEnd});
      }
      s = pieceEnd;
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
    }
    if (e > s) {
      units.add(new int[] {s, e});
    }
  }
}
