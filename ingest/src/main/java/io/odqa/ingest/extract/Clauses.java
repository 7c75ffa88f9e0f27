package io.odqa.ingest.extract;

import java.util.Set;

/**
 * Clause-level checks on one sentence that keep {@link SentenceTripleFinder} precise:
 *
 * <ul>
 *   <li>neither argument may be {@link Argument#contextual()} ("the city");
 *   <li>a head must lie outside brackets and must not follow a preposition (it would be the
 *       object of a prepositional phrase, "the price of oil in Europe rose") or a non-finite
 *       verb (it would be that verb's object, "to travel the length of the Amazon was") or a
 *       conjunction after a noun (a cut coordination, "Festival and Parade is held");
 *   <li>a participle relation ("led by", "located at") needs a named head at the start of its
 *       clause, or it is a reduced relative clause on an unnamed or embedded noun;
 *   <li>a tail must lie outside brackets and be followed only by what may follow a complete
 *       noun phrase (see {@link #TAIL_FOLLOWERS}); not by "of" (an "of" extension that failed),
 *       an infinitive (the tail is the subject of "ordered Jebe to hunt"), the next item of a
 *       list ("partnerships with Ford, Chrysler, and GM"), or, for a number, a range ("90 to
 *       95");
 *   <li>a light verb or copula with a bare singular noun ("takes place", "is home"), or a bare
 *       singular noun before a preposition ("come into contact with", "is in discussion with"),
 *       is an unfinished light-verb construction, not a relation with an argument; a tail
 *       followed by "been" belongs to a split verb group ("has since 1985 been").
 *   <li>a relation skipped to over a relative pronoun needs a head without an "of" extension
 *       (the pronoun may refer inside it); a participle relation needs a head that is not
 *       itself an appositive or list item.
 * </ul>
 */
final class Clauses {
  private static final Set<String> LIGHT_VERBS = Set.of("is", "are", "was", "were", "be",
      "been", "become", "becomes", "became","take", "takes", "took", "taken",
      "taking", "make", "makes", "made", "making", "play", "plays", "played", "playing", "give",
      "gives", "gave", "given", "giving", "pay", "pays", "paid", "get", "gets", "got");
  /**
   * What may follow a complete tail: end punctuation, a preposition, a conjunction, a relative
   * pronoun, a participle, an adverb or a bracket. Anything else (a noun, a number, a
   * determiner, a finite verb, a possessive, a colon) means the tail was cut short, is a first
   * object ("gave Westinghouse a patent") or is the subject of a complement clause ("said
   * Smith was").
   */
  private static final Set<String> TAIL_FOLLOWERS = Set.of(".", ",", ";", "(", "—", "IN", "TO",
      "CC", "WDT", "WP", "WRB", "VBG", "VBN", "RB");
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
    if (insideBrackets(a) || a.contextual()) {
      return false;
    }
    String before = a.rawStart() > 0 ? s.tag(a.rawStart() - 1) : "";
    boolean cutCoordination = before.equals("CC") && a.rawStart() > 1
        && Pos.isNoun(s.tag(a.rawStart() - 2));
    return !Pos.isPreposition(before) && !before.equals("VB") && !before.equals("VBG")
        && !before.equals("VBN") && !cutCoordination;
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
    if (insideBrackets(tail) || tail.contextual() || lightVerbWithBareNoun(r)) {
      return true;
    }
    int next = tail.rawEnd();
    if (next >= s.size()) {
      return false;
    }
    String tag = s.tag(next);
    boolean numberRange = s.tag(tail.end() - 1).equals("CD") && next + 1 < s.size()
        && s.tag(next + 1).equals("CD");
    boolean infinitive = tag.equals("TO") && next + 1 < s.size() && s.tag(next + 1).equals("VB");
    boolean relationalNoun = Pos.isPreposition(tag) && bareSingularNoun(tail);
    return !(TAIL_FOLLOWERS.contains(tag) || TAIL_FOLLOWERS.contains(s.token(next)))
        || numberRange || infinitive || relationalNoun || s.lower(next).equals("of")
        || s.lower(next).equals("been") || s.lower(next).equals("being") || listContinues(next);
  }

  private boolean bareSingularNoun(Argument a) {
    return !a.named() && a.article().isEmpty() && a.end() - a.start() == 1
        && s.tag(a.start()).equals("NN");
  }

  /** Whether a comma at {@code comma} starts the next item of a list ("Ford, Chrysler, and"). */
  private boolean listContinues(int comma) {
    Argument item = is(comma, ",") ? args.startingAt(comma + 1) : null;
    return item != null && item.rawEnd() < s.size()
        && (is(item.rawEnd(), ",") || s.tag(item.rawEnd()).equals("CC"));
  }

  private boolean lightVerbWithBareNoun(Relation r) {
    return r.shape() == Relation.Shape.VERB && bareSingularNoun(r.tail())
        && LIGHT_VERBS.contains(s.lower(lastVerb(r)));
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

  /** A lower-case relative pronoun, so that the "Who" of "Doctor Who" is not one. */
  private boolean isRelativePronoun(int i) {
    return i < s.size() && (s.tag(i).equals("WDT") || s.tag(i).equals("WP"))
        && (s.token(i).equals("who") || s.token(i).equals("which") || s.token(i).equals("that"));
  }

  /** Whether the argument was extended over "of", so a relative clause may attach inside it. */
  boolean extendedOverOf(Argument a) {
    for (int i = a.start(); i < a.end(); i++) {
      if (s.lower(i).equals("of")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the argument follows "X ," and so is itself an appositive or a list item. */
  boolean followsArgumentAndComma(Argument a) {
    return is(a.rawStart() - 1, ",") && args.endingAt(a.rawStart() - 1) != null;
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
