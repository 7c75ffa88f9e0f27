package io.odqa.ingest.extract;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ReVerb relation constraints (Fader, Soderland and Etzioni, 2011, section 3).
 *
 * <p>Syntactic constraint: the phrase must match {@code (V | V P | V W* P)+}, with {@code V = verb
 * particle? adv?}, {@code W = noun | adj | adv | pron | det} and {@code P = prep | particle | inf.
 * marker} (we leave pronouns out of {@code W}: "recovered it in" is not self-contained);
 * concatenation covers auxiliaries and multi-verb phrases ("was open-sourced by", "wants to
 * extend"). Leading adverbs are allowed ("also created"), and so are several adverbs after a verb
 * ("was not originally written"). Among the phrases that start at a given token and are directly
 * followed by an argument, the longest wins, as in ReVerb.
 *
 * <p>Lexical constraint, approximated without ReVerb's corpus-wide dictionary of relations seen
 * with many distinct arguments: a phrase is at most {@value #MAX_TOKENS} tokens; the {@code W*}
 * part never holds a proper noun or a number (that would be an argument swallowed into the
 * relation, "created Lucene in"); and it may hold a common noun only after a light verb ("is the
 * capital of", "played a role in", "took place in"), because for other verbs the noun is almost
 * always the object ("developed the software in 2005"). A phrase may not end in a subordinating
 * conjunction tagged as a preposition ("asserts that"): a clause follows, not an argument. Nor may
 * it hold two finite verbs, which would cross a clause boundary.
 */
final class RelationMatcher {
  /** Longest relation phrase, in tokens. */
  static final int MAX_TOKENS = 7;

  private static final Pattern SYNTAX = Pattern.compile("A*(?:VR?A*(?:[WA]*[PR])?)+");
  /** Tagged IN, but they open a clause, so what follows is no argument ("asserts that"). */
  private static final Set<String> COMPLEMENTIZERS = Set.of("that", "whether", "if", "because",
      "although", "while", "though", "unless", "as");
  private static final Set<String> LIGHT_VERBS = Set.of(
      "be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am",
      "become", "becomes", "became", "becoming", "remain", "remains", "remained",
      "have", "has", "had", "having", "make", "makes", "made", "making",
      "take", "takes", "took", "taken", "taking", "give", "gives", "gave", "given", "giving",
      "play", "plays", "played", "playing", "get", "gets", "got", "gotten", "getting",
      "hold", "holds", "held", "holding", "serve", "serves", "served", "serving",
      "do", "does", "did", "done", "pay", "pays", "paid", "keep", "keeps", "kept");

  private RelationMatcher() {}

  /**
   * The longest relation phrase that starts at token {@code from} and is directly followed by an
   * argument, or null if none.
   */
  static Relation longestAt(TaggedSentence s, String classes, Arguments args, int from) {
    if (from >= s.size()) {
      return null;
    }
    for (int to = Math.min(s.size() - 1, from + MAX_TOKENS); to > from; to--) {
      Argument tail = args.startingAt(to);
      if (tail != null && SYNTAX.matcher(classes).region(from, to).matches()
          && lightVerbsOnly(s, classes, from, to) && !COMPLEMENTIZERS.contains(s.lower(to - 1))
          && oneFiniteVerb(s, from, to)) {
        return new Relation(from, to, tail, shape(classes, from, to));
      }
    }
    return null;
  }

  /** Two finite verbs mean the phrase crossed a clause boundary ("felt had formed"). */
  private static boolean oneFiniteVerb(TaggedSentence s, int from, int to) {
    int finite = 0;
    for (int i = from; i < to; i++) {
      if (Pos.isFiniteVerb(s.tag(i))) {
        finite++;
      }
    }
    return finite <= 1;
  }

  private static boolean lightVerbsOnly(TaggedSentence s, String classes, int from, int to) {
    int verb = -1;
    for (int i = from; i < to; i++) {
      if (classes.charAt(i) == 'V') {
        verb = i;
      } else if (classes.charAt(i) == 'W' && Pos.isNoun(s.tag(i))
          && (verb < 0 || !LIGHT_VERBS.contains(s.lower(verb)))) {
        return false;
      }
    }
    return true;
  }

  private static Relation.Shape shape(String classes, int from, int to) {
    String span = classes.substring(from, to);
    if (span.indexOf('W') >= 0) {
      return Relation.Shape.VERB_WORDS_PREP;
    }
    char last = span.charAt(span.length() - 1);
    return last == 'P' || (last == 'R' && span.length() > 1)
        ? Relation.Shape.VERB_PREP : Relation.Shape.VERB;
  }
}
