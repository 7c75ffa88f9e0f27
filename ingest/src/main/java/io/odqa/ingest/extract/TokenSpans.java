package io.odqa.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;

/**
 * Repairs the 1.5 maxent tokenizer's output, keeping exact character spans:
 *
 * <ul>
 *   <li>Two tokens that touch with a letter or digit on both sides are merged: the model splits
 *       some camel-case names ("LinkedIn" → "Linked", "In"), while the splits it should make
 *       between touching tokens ("do|n't", "Lucene|'s", "1999|.") have punctuation at the seam.
 *   <li>Brackets and quotes are split off the edges of a token ("(UMC)" → "(", "UMC", ")"); a
 *       leading straight apostrophe only before a capital ("'Hockey"), so "'s" stays whole.
 *   <li>Em dashes become tokens of their own ("festival—an").
 * </ul>
 */
final class TokenSpans {
  private static final String OPENERS = "([{“\"‘«";
  private static final String CLOSERS = ")]}”\"’»";

  private TokenSpans() {}

  /** The repaired spans of {@code raw}, which are relative to {@code text}. */
  static Span[] repair(String text, Span[] raw) {
    List<Span> merged = new ArrayList<>(raw.length);
    for (Span t : raw) {
      Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.getEnd() == t.getStart()
          && Character.isLetterOrDigit(text.charAt(t.getStart() - 1))
          && Character.isLetterOrDigit(text.charAt(t.getStart()))) {
        merged.set(merged.size() - 1, new Span(last.getStart(), t.getEnd()));
      } else {
        merged.add(t);
      }
    }
    List<Span> out = new ArrayList<>(merged.size() + 8);
    for (Span t : merged) {
      splitEdges(text, t.getStart(), t.getEnd(), out);
    }
    return out.toArray(Span[]::new);
  }

  private static void splitEdges(String text, int start, int end, List<Span> out) {
    List<Span> tail = new ArrayList<>();
    while (end - start > 1 && opens(text, start)) {
      out.add(new Span(start, start + 1));
      start++;
    }
    while (end - start > 1 && CLOSERS.indexOf(text.charAt(end - 1)) >= 0) {
      tail.add(0, new Span(end - 1, end));
      end--;
    }
    splitDashes(text, start, end, out);
    out.addAll(tail);
  }

  private static boolean opens(String text, int i) {
    char c = text.charAt(i);
    return OPENERS.indexOf(c) >= 0
        || (c == '\'' && i + 1 < text.length() && Character.isUpperCase(text.charAt(i + 1)));
  }

  private static void splitDashes(String text, int start, int end, List<Span> out) {
    int from = start;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '—') {
        if (i > from) {
          out.add(new Span(from, i));
        }
        out.add(new Span(i, i + 1));
        from = i + 1;
      }
    }
    if (end > from) {
      out.add(new Span(from, end));
    }
  }
}
