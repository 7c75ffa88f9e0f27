package io.odqa.ingest.extract;

import java.util.Map;

/**
 * A hand-set logistic confidence in the style of ReVerb's (Fader, Soderland and Etzioni, 2011,
 * table 4): {@code confidence = 1 / (1 + exp(-(b + sum_i w_i f_i)))}.
 *
 * <p>Weights follow the signs and rough sizes ReVerb learned: short sentences and triples that
 * cover the whole sentence are extracted reliably; bare-verb relations ({@code V}) are the
 * least reliable shape and {@code V W* P} the most; some final prepositions ("of", "for",
 * "on", "to") mark well-formed relations; a noun right after the tail or a conjunction before
 * the relation signal a chunking error or coordination. Two features are ours: a skipped
 * appositive or relative pronoun between head and relation (-0.3) and a participle relation
 * ("led by", -0.5) are riskier attachments. We weight named arguments more than
 * ReVerb (0.6 each, not 0.01-0.16) because the knowledge graph wants entity-to-entity facts, and
 * each relation word beyond two costs 0.15, ReVerb's lexical-constraint spirit that long
 * relations are over-specific. Every feature moves the score in one direction only, so the
 * score is monotone in each (the contract test checks this).
 */
final class ConfidenceModel {
  static final double BIAS = -0.1;
  static final double COVERS_SENTENCE = 1.0;
  static final double SHORT_SENTENCE = 0.43;
  static final double MEDIUM_SENTENCE = 0.23;
  static final double LONG_SENTENCE = -0.43;
  static final double VERB_ONLY = -0.61;
  static final double VERB_WORDS_PREP = 0.42;
  static final double APPOSITIVE = -0.3;
  static final double NAMED_ARGUMENT = 0.6;
  static final double HEAD_STARTS_SENTENCE = 0.21;
  static final double NOUN_AFTER_TAIL = -0.81;
  static final double CONJUNCTION_BEFORE_RELATION = -0.93;
  static final double HEAD_SKIPPED = -0.3;
  static final double NONFINITE_RELATION = -0.5;
  static final double PER_EXTRA_RELATION_WORD = -0.15;
  private static final Map<String, Double> LAST_PREPOSITION = Map.of(
      "for", 0.5, "on", 0.49, "of", 0.46, "to", 0.39, "in", 0.25, "by", 0.25);

  private ConfidenceModel() {}

  /** The confidence of a triple with these features, in (0, 1). */
  static double confidence(TripleFeatures f) {
    double z = BIAS;
    z += f.sentenceTokens() <= 10 ? SHORT_SENTENCE
        : f.sentenceTokens() <= 20 ? MEDIUM_SENTENCE : LONG_SENTENCE;
    z += switch (f.shape()) {
      case VERB -> VERB_ONLY;
      case VERB_WORDS_PREP -> VERB_WORDS_PREP;
      case APPOSITIVE -> APPOSITIVE;
      case VERB_PREP -> 0.0;
    };
    z += LAST_PREPOSITION.getOrDefault(f.lastPreposition(), 0.0);
    z += Math.max(0, f.relationWords() - 2) * PER_EXTRA_RELATION_WORD;
    z += (f.headNamed() ? NAMED_ARGUMENT : 0) + (f.tailNamed() ? NAMED_ARGUMENT : 0);
    z += f.coversSentence() ? COVERS_SENTENCE : 0;
    z += f.headStartsSentence() ? HEAD_STARTS_SENTENCE : 0;
    z += f.nounAfterTail() ? NOUN_AFTER_TAIL : 0;
    z += f.conjunctionBeforeRelation() ? CONJUNCTION_BEFORE_RELATION : 0;
    z += f.headSkipped() ? HEAD_SKIPPED : 0;
    z += f.nonfiniteRelation() ? NONFINITE_RELATION : 0;
    return 1.0 / (1.0 + Math.exp(-z));
  }
}
