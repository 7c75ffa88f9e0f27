package io.odqa.qa.tune;

import java.util.List;
import java.util.Optional;

/**
 * Finds a gold answer in ranked passages: the best-ranked passage that contains one wins. Within
 * a passage the gold answers are tried in order, first as written (first occurrence), then
 * ignoring case, as distant supervision does when it turns open-domain questions into reading
 * examples (Chen et al., 2017, "Reading Wikipedia to Answer Open-Domain Questions").
 */
final class EvidenceFinder {
  private EvidenceFinder() {}

  /**
   * A gold answer found in a passage.
   *
   * @param passage index of the passage in the ranking
   * @param answer the answer as it occurs in the passage text
   * @param start offset of {@code answer} in the passage text
   */
  record Match(int passage, String answer, int start) {}

  /** The first match in {@code texts} (best first) of any of {@code golds}; empty if none. */
  static Optional<Match> find(List<String> texts, List<String> golds) {
    for (int p = 0; p < texts.size(); p++) {
      String text = texts.get(p);
      for (String g : golds) {
        int at = g.isEmpty() ? -1 : text.indexOf(g);
        if (at >= 0) {
          return Optional.of(new Match(p, g, at));
        }
      }
      for (String g : golds) {
        int at = indexOfIgnoreCase(text, g);
        if (at >= 0) {
          return Optional.of(new Match(p, text.substring(at, at + g.length()), at));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * First offset where {@code text} matches {@code s} ignoring case, char by char (so the match
   * has {@code s}'s length, which lower-casing a whole string need not keep); -1 if none.
   */
  static int indexOfIgnoreCase(String text, String s) {
    if (s.isEmpty()) {
      return -1;
    }
    for (int i = 0; i + s.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, s, 0, s.length())) {
        return i;
      }
    }
    return -1;
  }
}
