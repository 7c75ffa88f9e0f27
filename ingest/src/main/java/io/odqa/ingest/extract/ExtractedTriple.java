package io.odqa.ingest.extract;

import io.odqa.core.model.Checks;

/**
 * One open-IE assertion found in a sentence of a passage. All offsets are in document
 * coordinates, so both mentions lie inside {@code [sentenceStart, sentenceEnd)}.
 *
 * @param head the first argument
 * @param relation the normalised relation phrase (see {@link RelationNormalizer})
 * @param tail the second argument
 * @param confidence estimated probability that the triple is correct, in [0, 1]
 * @param passageId id of the passage the sentence came from
 * @param sentenceStart offset of the sentence's first character in the document text
 * @param sentenceEnd offset after the sentence's last character
 */
public record ExtractedTriple(
    Mention head,
    String relation,
    Mention tail,
    double confidence,
    String passageId,
    int sentenceStart,
    int sentenceEnd) {

  public ExtractedTriple {
    if (head == null || tail == null) {
      throw new IllegalArgumentException(
          (head == null ? "head" : "tail") + " must be a mention, got null");
    }
    Checks.requireText("relation", relation);
    Checks.requireRange("confidence", confidence, 0.0, 1.0);
    Checks.requireText("passageId", passageId);
    Checks.requireRange("sentenceStart", sentenceStart, 0, Integer.MAX_VALUE);
    Checks.requireRange("sentenceEnd", sentenceEnd, sentenceStart + 1, Integer.MAX_VALUE);
    requireInside("head", head, sentenceStart, sentenceEnd);
    requireInside("tail", tail, sentenceStart, sentenceEnd);
  }

  private static void requireInside(String name, Mention m, int from, int to) {
    if (m.start() < from || m.end() > to) {
      throw new IllegalArgumentException(name + " span must lie in the sentence [" + from + ", "
          + to + "], got [" + m.start() + ", " + m.end() + "]");
    }
  }
}
