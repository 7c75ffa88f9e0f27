package io.odqa.ingest.extract;

import java.util.Set;

/**
 * Penn Treebank tag classes used by the ReVerb patterns. {@link #reverbClass(String)} maps a
 * tag to one letter so that the relation constraint can be written as a regular expression.
 */
final class Pos {
  private static final Set<String> ARTICLES = Set.of("a", "an", "the");
  private static final Set<String> NEGATIONS = Set.of("not", "n't", "never");

  private Pos() {}

  static boolean isVerb(String tag) {
    return tag.startsWith("VB") || tag.equals("MD");
  }

  /** A finite verb: one that can head a clause of its own. */
  static boolean isFiniteVerb(String tag) {
    return tag.equals("VBD") || tag.equals("VBZ") || tag.equals("VBP") || tag.equals("MD");
  }

  static boolean isProperNoun(String tag) {
    return tag.equals("NNP") || tag.equals("NNPS");
  }

  static boolean isNoun(String tag) {
    return tag.startsWith("NN");
  }

  static boolean isAdverb(String tag) {
    return tag.startsWith("RB") || tag.equals("WRB");
  }

  static boolean isPreposition(String tag) {
    return tag.equals("IN") || tag.equals("TO");
  }

  static boolean isPronoun(String tag) {
    return tag.equals("PRP") || tag.equals("WP") || tag.equals("EX");
  }

  /** Brackets, quotes and separators that never belong at the edge of a mention. */
  static boolean isEdgePunctuation(String tag, String token) {
    return switch (tag) {
      case "``", "''", "-LRB-", "-RRB-", ",", ":", ".", "\"" -> true;
      default -> token.length() == 1 && "\"'()[]{}«»“”‘’,;:!?".indexOf(token.charAt(0)) >= 0;
    };
  }

  static boolean isArticle(String lowerToken) {
    return ARTICLES.contains(lowerToken);
  }

  static boolean isNegation(String lowerToken) {
    return NEGATIONS.contains(lowerToken);
  }

  /** A number written with digits, which we treat as named (years, amounts, counts). */
  static boolean isDigitNumber(String tag, String token) {
    return tag.equals("CD") && token.chars().anyMatch(Character::isDigit);
  }

  /**
   * One letter per token class: {@code V} verb, {@code R} particle, {@code A} adverb, {@code P}
   * preposition or infinitive marker, {@code W} word allowed inside a relation (common noun,
   * adjective, determiner), {@code N} proper noun or number, {@code .} anything else. Unlike
   * ReVerb, pronouns are not {@code W}: "recovered it in" is not a self-contained relation.
   */
  static char reverbClass(String tag) {
    if (isVerb(tag)) {
      return 'V';
    }
    if (tag.equals("RP")) {
      return 'R';
    }
    if (isAdverb(tag)) {
      return 'A';
    }
    if (isPreposition(tag)) {
      return 'P';
    }
    if (isProperNoun(tag) || tag.equals("CD")) {
      return 'N';
    }
    if (tag.equals("NN") || tag.equals("NNS") || tag.startsWith("JJ") || tag.equals("DT")
        || tag.equals("PDT")) {
      return 'W';
    }
    return '.';
  }
}
