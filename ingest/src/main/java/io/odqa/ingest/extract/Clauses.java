package io.odqa.ingest.extract;

import java.util.Set;

/**
 * Clause-level checks on one sentence that keep {@link SentenceTripleFinder} precise:
 *
 * <ul>
 *   <li>a head must lie outside brackets and must not follow a preposition (it would be the
 *       object of a prepositional phrase, "the price of oil in Europe rose") or a non-finite
 *       verb (it would be that verb's object, "to travel the length of the Amazon was");
 *   <li>a participle relation ("led by", "located at") needs a named head at the start of its
 *       clause, or it is a reduced relative clause on an unnamed or embedded noun;
 *   <li>a tail must lie outside brackets, and must not be followed by a finite verb (it would be
 *       the subject of a complement clause, "said Smith was"), a possessive, or another
 *       argument (double object "gave Westinghouse a patent", or a split chunk);
 *   <li>a light verb with a bare singular noun ("takes place", "make use") is an unfinished
 *       light-verb construction, not a relation with an argument.
 * </ul>
 */
final class Clauses {
  private static final Set<String> LIGHT_NOT_BE = Set.of("take", "takes", "took", "taken",
      "taking", "make", "makes", "made", "making", "play", "plays", "played", "playing", "give",
      "gives", "gave", "given", "giving", "pay", "pays", "paid", "get", "gets", "got");
  /** Longest parenthetical skipped between a head and its relation, in tokens. */
  private static final int MAX_PARENTHETICAL = 12;

  private final TaggedSentence s;
  private final Arguments args;
  private final int[] depth;

  Clauses(TaggedSentence s, Arguments args) {
    this.s = s;
    this.args = args;
    this.depth = new int[s.size()];
    int d = 0;
    for (int i = 0; i < s.size(); i++) {
      if (isCloser(i)) {
        d = Math.max(0, d - 1);
      }
      depth[i] = d;
      if (isOpener(i)) {
        d++;
      }
    }
  }

  boolean canBeHead(Argument a) {
    if (insideBrackets(a)) {
      return false;
    }
    String before = a.rawStart() > 0 ? s.tag(a.rawStart() - 1) : "";
    return !Pos.isPreposition(before) && !before.equals("VB") && !before.equals("VBG")
        && !before.equals("VBN");
  }

  /** Whether nothing but punctuation or a conjunction precedes the head in its clause. */
  boolean clauseInitial(Argument a) {
    int i = a.rawStart() - 1;
    return i < 0 || s.tag(i).equals(",") || s.tag(i).equals(":") || s.tag(i).equals("CC")
        || Pos.isEdgePunctuation(s.tag(i), s.token(i));
  }

  /**
   * Token where the relation after {@code head} starts, past an appositive, parenthetical or
   * relative pronoun; -1 when a comma follows the head and none of those does.
   */
  int relationStart(Argument head) {
    int from = head.rawEnd();
    if (from < s.size() && isOpener(from)) {
      int close = from + 1;
      while (close < s.size() && close - from <= MAX_PARENTHETICAL && depth[close] > depth[from]) {
        close++;
      }
      if (close >= s.size() || close - from > MAX_PARENTHETICAL) {
        return -1;
      }
      from = close + 1;
    }
    if (is(from, ",")) {
      Argument appos = appositiveAt(from);
      if (appos != null && is(appos.rawEnd(), ",")) {
        return appos.rawEnd() + 1;
      }
      return isRelativePronoun(from + 1) ? from + 2 : -1;
    }
    return isRelativePronoun(from) ? from + 1 : from;
  }

  /**
   * The appositive after the comma at {@code comma}: an argument with an article whose first
   * word is not a proper noun (which would more likely be the next item of a list of names),
   * closed by the end of the sentence or by a comma before a verb, adverb or relative pronoun.
   */
  Argument appositiveAt(int comma) {
    Argument y = is(comma, ",") ? args.startingAt(comma + 1) : null;
    if (y == null || y.article().isEmpty() || Pos.isProperNoun(s.tag(y.start()))
        || insideBrackets(y)) {
      return null;
    }
    int after = y.rawEnd();
    if (after >= s.size() || s.tag(after).equals(".")) {
      return y;
    }
    int next = after + 1;
    boolean closed = is(after, ",") && next < s.size() && (Pos.isVerb(s.tag(next))
        || Pos.isAdverb(s.tag(next)) || isRelativePronoun(next));
    return closed ? y : null;
  }

  boolean badTail(Relation r) {
    Argument tail = r.tail();
    int next = tail.rawEnd();
    if (insideBrackets(tail) || lightVerbWithBareNoun(r)) {
      return true;
    }
    return next < s.size() && (Pos.isFiniteVerb(s.tag(next)) || s.tag(next).equals("POS")
        || args.startingAt(next) != null);
  }

  private boolean lightVerbWithBareNoun(Relation r) {
    Argument tail = r.tail();
    return r.shape() == Relation.Shape.VERB && !tail.named() && tail.article().isEmpty()
        && tail.end() - tail.start() == 1 && s.tag(tail.start()).equals("NN")
        && LIGHT_NOT_BE.contains(s.lower(lastVerb(r)));
  }

  /** Whether the relation's first verb is a participle with no auxiliary before it. */
  boolean nonfinite(Relation r) {
    int i = r.start();
    while (i < r.end() && Pos.isAdverb(s.tag(i))) {
      i++;
    }
    return i < r.end() && (s.tag(i).equals("VBN") || s.tag(i).equals("VBG"));
  }

  private int lastVerb(Relation r) {
    for (int i = r.end() - 1; i > r.start(); i--) {
      if (Pos.isVerb(s.tag(i))) {
        return i;
      }
    }
    return r.start();
  }

  boolean hasProperNoun(Argument a) {
    for (int i = a.start(); i < a.end(); i++) {
      if (Pos.isProperNoun(s.tag(i))) {
        return true;
      }
    }
    return false;
  }

  String lastPreposition(Relation r) {
    for (int i = r.end() - 1; i >= r.start(); i--) {
      if (Pos.isPreposition(s.tag(i))) {
        return s.lower(i);
      }
    }
    return "";
  }

  boolean conjunctionBefore(int i) {
    for (int k = 0; k < i; k++) {
      if (s.tag(k).equals("CC")) {
        return true;
      }
    }
    return false;
  }

  int firstContent() {
    int i = 0;
    while (i < s.size() && Pos.isEdgePunctuation(s.tag(i), s.token(i))) {
      i++;
    }
    return i;
  }

  boolean covers(Argument head, Argument tail) {
    int last = s.size();
    while (last > 0 && Pos.isEdgePunctuation(s.tag(last - 1), s.token(last - 1))) {
      last--;
    }
    return head.rawStart() <= firstContent() && tail.rawEnd() >= last;
  }

  private boolean insideBrackets(Argument a) {
    return depth[a.start()] > 0 || depth[a.end() - 1] > 0;
  }

  private boolean isRelativePronoun(int i) {
    return i < s.size() && (s.tag(i).equals("WDT") || s.tag(i).equals("WP"))
        && (s.lower(i).equals("who") || s.lower(i).equals("which") || s.lower(i).equals("that"));
  }

  private boolean isOpener(int i) {
    return s.token(i).equals("(") || s.token(i).equals("[");
  }

  private boolean isCloser(int i) {
    return s.token(i).equals(")") || s.token(i).equals("]");
  }

  private boolean is(int i, String token) {
    return i >= 0 && i < s.size() && s.token(i).equals(token);
  }
}
