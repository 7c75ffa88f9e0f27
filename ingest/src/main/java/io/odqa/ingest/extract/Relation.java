package io.odqa.ingest.extract;

/**
 * A relation phrase matched by {@link RelationMatcher}, in token indices of its sentence.
 *
 * @param start first token of the phrase
 * @param end token after the phrase, where the tail's phrase starts
 * @param tail the argument right of the phrase
 * @param shape which ReVerb alternative the phrase matched
 */
record Relation(int start, int end, Argument tail, Shape shape) {

  /** The ReVerb syntactic alternatives, plus the appositive pattern. */
  enum Shape {
    /** {@code V}: a verb, optional particle and adverb ("created"). */
    VERB,
    /** {@code V P}: verb then preposition or particle ("was written in"). */
    VERB_PREP,
    /** {@code V W* P}: verb, nouns/adjectives/determiners, preposition ("is the capital of"). */
    VERB_WORDS_PREP,
    /** The appositive pattern "X, a Y," read as "X is a Y". */
    APPOSITIVE
  }
}
