package io.odqa.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Light, rule-based normalisation of a relation phrase, so that surface variants of one
 * relation compare equal more often while the phrase still reads as English:
 *
 * <ol>
 *   <li>lower-case; contractions expanded ("n't" → "not", "'s"/"'re" as verbs → "is"/"are");
 *   <li>adverbs of time, order and focus dropped ("was originally written in" → "was written
 *       in"); adverbs that can change the truth ("not", "usually", "nearly", "parallel") kept;
 *   <li>emphatic do-support dropped ("did create" → "create"), but kept with a negation ("did
 *       not create"), where dropping it would read badly;
 *   <li>a perfect auxiliary before a past participle dropped ("has won" → "won"), but "has
 *       been" and "would have received" are kept;
 *   <li>a copula whose tail lost an indefinite article gets "a" ("is a"), keeping the
 *       class-membership reading of "X is a Y".
 * </ol>
 *
 * No lemmatisation: tense and voice stay ("was open-sourced by").
 */
final class RelationNormalizer {
  /**
   * Adverbs that set time, order or focus but not truth; every other adverb ("usually",
   * "parallel", "nearly", "only") is kept because dropping it could make the triple false.
   */
  private static final Set<String> DROPPED_ADVERBS = Set.of("also", "originally", "later",
      "first", "then", "now", "still", "currently", "formerly", "initially", "eventually",
      "subsequently", "soon", "already", "recently", "officially", "immediately", "finally",
      "once", "previously", "again", "further", "thus", "therefore", "however", "since",
      "just", "even", "really", "actually", "ultimately", "quickly", "successfully", "briefly");
  private static final Set<String> DO = Set.of("do", "does", "did");
  private static final Set<String> HAVE = Set.of("have", "has", "had");
  private static final Set<String> BE = Set.of(
      "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re");

  private RelationNormalizer() {}

  /**
   * The normalised phrase of tokens {@code [from, to)}; {@code indefiniteTail} adds "a" after a
   * lone copula.
   */
  static String normalize(TaggedSentence s, int from, int to, boolean indefiniteTail) {
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String w = expand(s.lower(i), s.tag(i));
      if (Pos.isAdverb(s.tag(i)) && DROPPED_ADVERBS.contains(s.lower(i))) {
        continue;
      }
      words.add(w);
      tags.add(s.tag(i));
    }
    dropAuxiliaries(words, tags);
    if (indefiniteTail && isCopula(words)) {
      words.add("a");
    }
    return String.join(" ", words);
  }

  /** True when the words are one form of "be", optionally negated. */
  static boolean isCopula(List<String> words) {
    List<String> rest = words.stream().filter(w -> !Pos.isNegation(w)).toList();
    return rest.size() == 1 && BE.contains(rest.get(0));
  }

  private static String expand(String lower, String tag) {
    return switch (lower) {
      case "n't" -> "not";
      case "'s" -> tag.startsWith("VB") ? "is" : lower;
      case "'re" -> "are";
      case "'ve" -> "have";
      case "'m" -> "am";
      default -> lower;
    };
  }

  private static void dropAuxiliaries(List<String> words, List<String> tags) {
    for (int i = words.size() - 2; i >= 0; i--) {
      int next = i + 1;
      while (next < words.size() && Pos.isNegation(words.get(next))) {
        next++;
      }
      if (next >= words.size()) {
        continue;
      }
      boolean doSupport = DO.contains(words.get(i)) && next == i + 1
          && tags.get(next).equals("VB");
      boolean afterModal = i > 0 && tags.get(i - 1).equals("MD");
      boolean perfect = HAVE.contains(words.get(i)) && tags.get(next).equals("VBN")
          && !words.get(next).equals("been") && !afterModal;
      if (doSupport || perfect) {
        words.remove(i);
        tags.remove(i);
      }
    }
  }
}
