package io.odqa.ingest.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the triples of one tagged sentence with three patterns.
 *
 * <ol>
 *   <li><b>ReVerb</b> (Fader, Soderland and Etzioni, 2011): for each argument X, the relation
 *       phrase starts right after X and is the longest match of {@link RelationMatcher}; the
 *       tail is the argument right after it. Between a named head and the relation we may skip
 *       an appositive ("Neo4j, a graph database, is written in Java" → head Neo4j), a
 *       parenthetical ("UMC (United Methodist Church) is") or a relative pronoun ("X, which was
 *       founded in 1990").
 *   <li><b>Copula</b>: a relation that is a lone form of "be" before an indefinite tail reads
 *       "is a" ("Kafka is a platform" → (Kafka, is a, platform)).
 *   <li><b>Appositive</b>: "X, the Y of Z," or "X, a Y," where X holds a proper noun gives
 *       (X, is, Y of Z) or (X, is a, Y), see {@link Clauses#appositiveAt(int)}.
 * </ol>
 *
 * <p>Filters that favour precision are in {@link Clauses}: at least one argument must be named
 * (hold a proper noun or a digit number), so common-noun arguments appear only beside an
 * entity; relations longer than {@value #MAX_RELATION_WORDS} words after normalisation are
 * refused.
 */
final class SentenceTripleFinder {
  /** Longest normalised relation, in words. */
  static final int MAX_RELATION_WORDS = 6;

  private final TaggedSentence s;
  private final String passageId;
  private final Arguments args;
  private final Clauses clauses;
  private final String classes;
  private final Map<String, ExtractedTriple> found = new LinkedHashMap<>();

  private SentenceTripleFinder(TaggedSentence s, String passageId) {
    this.s = s;
    this.passageId = passageId;
    this.args = Arguments.of(s);
    this.clauses = new Clauses(s, args);
    StringBuilder b = new StringBuilder(s.size());
    for (int i = 0; i < s.size(); i++) {
      b.append(Pos.reverbClass(s.tag(i)));
    }
    this.classes = b.toString();
  }

  /** The triples of {@code s}, in text order of their heads, without duplicates. */
  static List<ExtractedTriple> find(TaggedSentence s, String passageId) {
    SentenceTripleFinder finder = new SentenceTripleFinder(s, passageId);
    for (int end = 1; end <= s.size(); end++) {
      Argument head = finder.args.endingAt(end);
      if (head != null && finder.clauses.canBeHead(head)) {
        finder.verbal(head);
        finder.appositive(head);
      }
    }
    return new ArrayList<>(finder.found.values());
  }

  private void verbal(Argument head) {
    int from = clauses.relationStart(head);
    boolean skipped = from != head.rawEnd();
    if (from < 0 || (skipped && (!head.named() || clauses.extendedOverOf(head)))) {
      return;
    }
    Relation r = RelationMatcher.longestAt(s, classes, args, from);
    if (r == null || !(head.named() || r.tail().named()) || clauses.badTail(r)) {
      return;
    }
    boolean nonfinite = clauses.nonfinite(r);
    if (nonfinite && !(head.named() && clauses.clauseInitial(head)
        && !clauses.followsArgumentAndComma(head))) {
      return;
    }
    String relation = RelationNormalizer.normalize(s, r.start(), r.end(), r.tail().indefinite());
    if (relation.split(" ").length <= MAX_RELATION_WORDS) {
      add(head, relation, r, skipped, nonfinite);
    }
  }

  private void appositive(Argument x) {
    Argument y = clauses.appositiveAt(x.rawEnd());
    if (y != null && clauses.hasProperNoun(x) && clauses.clauseInitial(x)) {
      Relation r = new Relation(x.rawEnd(), x.rawEnd() + 1, y, Relation.Shape.APPOSITIVE);
      add(x, y.indefinite() ? "is a" : "is", r, false, false);
    }
  }

  private void add(Argument head, String relation, Relation r, boolean skipped,
      boolean nonfinite) {
    Argument tail = r.tail();
    TripleFeatures f = new TripleFeatures(s.size(), relation.split(" ").length, r.shape(),
        clauses.lastPreposition(r), head.named(), tail.named(), clauses.covers(head, tail),
        head.rawStart() <= clauses.firstContent(), tail.rawEnd() < s.size()
            && Pos.isNoun(s.tag(tail.rawEnd())), clauses.conjunctionBefore(r.start()), skipped,
        nonfinite);
    ExtractedTriple t = new ExtractedTriple(s.mention(head.start(), head.end()), relation,
        s.mention(tail.start(), tail.end()), ConfidenceModel.confidence(f), passageId,
        s.documentStart(), s.documentEnd());
    found.putIfAbsent(head.start() + "|" + relation + "|" + tail.start() + "|" + tail.end(), t);
  }
}
