package io.odqa.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The argument noun phrases of one sentence, looked up by where they start or end.
 *
 * <p>Rule: candidates are the chunker's NP chunks plus runs of proper nouns (NNP, NNPS) the
 * chunker left outside an NP; adjacent candidates that meet inside a proper-noun run are merged
 * (the chunker sometimes splits a name). Edge punctuation and a leading article are trimmed. A
 * phrase is rejected when it starts with an adverb ("only the Commission", "how much"), when what
 * remains starts with another determiner, a possessive or a wh-pronoun ("this", "some", "his",
 * "whose": anaphoric or quantified, so not a self-contained argument), with an anaphoric adjective
 * ("such", "same", "other", "former"), when it is a lone number word ("one"), when it does not end
 * in a noun or a number (pronoun-only phrases, "the first"), or when it holds a bracket or quote
 * (the chunker ran across a parenthetical). A phrase followed by "of" and another argument is
 * extended over it ("capital of France"), up to {@value #MAX_TOKENS} tokens. Common-noun phrases
 * are kept here, and a definite one without an "of" extension is marked {@link
 * Argument#contextual()}; the triple finder refuses contextual arguments and requires at least one
 * argument to be named.
 */
final class Arguments {
  /** Longest argument, in tokens, after "of" extension. */
  static final int MAX_TOKENS = 12;

  private static final Set<String> ANAPHORIC = Set.of(
      "such", "same", "former", "latter", "aforementioned", "said", "other", "another");

  private final Argument[] byStart;
  private final Argument[] byEnd;

  private Arguments(TaggedSentence s, List<Argument> all) {
    byStart = new Argument[s.size() + 1];
    byEnd = new Argument[s.size() + 1];
    for (Argument a : all) {
      Argument atStart = byStart[a.rawStart()];
      if (atStart == null || atStart.rawEnd() < a.rawEnd()) {
        byStart[a.rawStart()] = a;
      }
      Argument atEnd = byEnd[a.rawEnd()];
      if (atEnd == null || atEnd.rawStart() > a.rawStart()) {
        byEnd[a.rawEnd()] = a;
      }
    }
  }

  /** Finds the arguments of {@code s}. */
  static Arguments of(TaggedSentence s) {
    List<Argument> trimmed = new ArrayList<>();
    for (int[] span : mergeNames(s, candidateSpans(s))) {
      Argument a = trim(s, span[0], span[1]);
      if (a != null) {
        trimmed.add(a);
      }
    }
    return new Arguments(s, extendOverOf(s, trimmed));
  }

  /** The longest argument whose untrimmed phrase starts at token {@code i}, or null. */
  Argument startingAt(int i) {
    return i >= 0 && i < byStart.length ? byStart[i] : null;
  }

  /** The longest argument whose untrimmed phrase ends just before token {@code i}, or null. */
  Argument endingAt(int i) {
    return i >= 0 && i < byEnd.length ? byEnd[i] : null;
  }

  /** NP chunks, and proper-noun runs outside any NP chunk, in text order. */
  private static List<int[]> candidateSpans(TaggedSentence s) {
    List<int[]> spans = new ArrayList<>();
    int i = 0;
    while (i < s.size()) {
      boolean np = s.chunk(i).endsWith("NP");
      boolean name = !np && Pos.isProperNoun(s.tag(i));
      if (!np && !name) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < s.size() && (np ? s.chunk(j).equals("I-NP")
          : !s.chunk(j).endsWith("NP") && Pos.isProperNoun(s.tag(j)))) {
        j++;
      }
      spans.add(new int[] {i, j});
      i = j;
    }
    return spans;
  }

  private static List<int[]> mergeNames(TaggedSentence s, List<int[]> spans) {
    List<int[]> merged = new ArrayList<>();
    for (int[] span : spans) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last[1] == span[0] && Pos.isProperNoun(s.tag(span[0] - 1))
          && Pos.isProperNoun(s.tag(span[0]))) {
        last[1] = span[1];
      } else {
        merged.add(span.clone());
      }
    }
    return merged;
  }

  private static Argument trim(TaggedSentence s, int rawStart, int rawEnd) {
    int b = rawStart;
    int e = rawEnd;
    while (b < e && Pos.isEdgePunctuation(s.tag(b), s.token(b))) {
      b++;
    }
    while (e > b && Pos.isEdgePunctuation(s.tag(e - 1), s.token(e - 1))) {
      e--;
    }
    if (b < e && Pos.isAdverb(s.tag(b))) {
      return null;
    }
    String article = "";
    if (b < e && Pos.isArticle(s.lower(b))) {
      article = s.lower(b);
      b++;
    }
    if (b >= e || rejectedStart(s.tag(b)) || ANAPHORIC.contains(s.lower(b))
        || !(Pos.isNoun(s.tag(e - 1)) || s.tag(e - 1).equals("CD"))
        || hasInnerPunctuation(s, b, e) || (e - b == 1 && s.tag(b).equals("CD")
            && !Pos.isDigitNumber(s.tag(b), s.token(b)))) {
      return null;
    }
    boolean named = named(s, b, e);
    return new Argument(rawStart, rawEnd, b, e, article, named, !named && article.equals("the"));
  }

  private static boolean rejectedStart(String tag) {
    return switch (tag) {
      case "DT", "PDT", "PRP$", "WDT", "WP$", "WP", "PRP", "EX", "POS" -> true;
      default -> false;
    };
  }

  /** Brackets or quotes inside a phrase mean the chunker ran across a parenthetical or quote. */
  private static boolean hasInnerPunctuation(TaggedSentence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Pos.isEdgePunctuation(s.tag(i), s.token(i)) && !s.token(i).equals(",")) {
        return true;
      }
    }
    return false;
  }

  static boolean named(TaggedSentence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Pos.isProperNoun(s.tag(i)) || Pos.isDigitNumber(s.tag(i), s.token(i))) {
        return true;
      }
    }
    return false;
  }

  /** Adds "X of Y" arguments, right to left so that chains extend fully. */
  private static List<Argument> extendOverOf(TaggedSentence s, List<Argument> args) {
    List<Argument> all = new ArrayList<>(args);
    Argument[] longestFrom = new Argument[s.size() + 1];
    for (int k = args.size() - 1; k >= 0; k--) {
      Argument a = args.get(k);
      Argument best = a;
      int of = a.rawEnd();
      Argument next = of + 1 < s.size() ? longestFrom[of + 1] : null;
      if (a.end() == a.rawEnd() && of < s.size() && s.lower(of).equals("of") && next != null
          && next.end() - a.start() <= MAX_TOKENS) {
        best = new Argument(a.rawStart(), next.rawEnd(), a.start(), next.end(), a.article(),
            a.named() || next.named(), false);
        all.add(best);
      }
      longestFrom[a.rawStart()] = best;
    }
    return all;
  }
}
