package io.odqa.ingest.extract;

import io.odqa.core.model.Checks;

/**
 * The evidence {@link ConfidenceModel} scores, after ReVerb's confidence features (Fader,
 * Soderland and Etzioni, 2011, table 4).
 *
 * @param sentenceTokens tokens in the sentence, at least 1
 * @param relationWords words in the normalised relation phrase, at least 1
 * @param shape which pattern produced the relation
 * @param lastPreposition last preposition of the relation in lower case, or empty
 * @param headNamed whether the head contains a proper noun or a number
 * @param tailNamed whether the tail contains a proper noun or a number
 * @param coversSentence whether head, relation and tail cover the whole sentence but its final
 *     punctuation
 * @param headStartsSentence whether the head is the first phrase of the sentence
 * @param nounAfterTail whether a noun directly follows the tail (a sign of a cut-short tail)
 * @param conjunctionBeforeRelation whether a coordinating conjunction precedes the relation
 * @param headSkipped whether an appositive, parenthetical or relative pronoun lies between head
 *     and relation
 * @param nonfiniteRelation whether the relation starts with a participle ("led by"), a reduced
 *     relative clause rather than a finite predicate
 */
record TripleFeatures(
    int sentenceTokens,
    int relationWords,
    Relation.Shape shape,
    String lastPreposition,
    boolean headNamed,
    boolean tailNamed,
    boolean coversSentence,
    boolean headStartsSentence,
    boolean nounAfterTail,
    boolean conjunctionBeforeRelation,
    boolean headSkipped,
    boolean nonfiniteRelation) {

  TripleFeatures {
    Checks.requireRange("sentenceTokens", sentenceTokens, 1, Integer.MAX_VALUE);
    Checks.requireRange("relationWords", relationWords, 1, Integer.MAX_VALUE);
    if (shape == null || lastPreposition == null) {
      throw new IllegalArgumentException("shape and lastPreposition must be non-null");
    }
  }
}
