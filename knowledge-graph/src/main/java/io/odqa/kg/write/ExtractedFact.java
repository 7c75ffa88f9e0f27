package io.odqa.kg.write;

import io.odqa.core.model.Checks;

/**
 * A triple extracted from a passage, with its provenance: the passage and the character spans
 * of both mentions in the document text.
 *
 * @param passageId id of the passage the triple was read from
 * @param head head mention text
 * @param headStart offset of the head mention in the document text
 * @param headEnd end offset (exclusive) of the head mention
 * @param relation relation phrase
 * @param tail tail mention text
 * @param tailStart offset of the tail mention in the document text
 * @param tailEnd end offset (exclusive) of the tail mention
 * @param confidence extractor confidence in [0, 1]
 */
public record ExtractedFact(String passageId, String head, int headStart, int headEnd,
    String relation, String tail, int tailStart, int tailEnd, double confidence) {
  public ExtractedFact {
    Checks.requireText("passageId", passageId);
    Checks.requireText("head", head);
    Checks.requireText("relation", relation);
    Checks.requireText("tail", tail);
    Checks.requireRange("headEnd", headEnd, headStart + 1, Integer.MAX_VALUE);
    Checks.requireRange("tailEnd", tailEnd, tailStart + 1, Integer.MAX_VALUE);
    Checks.requireRange("confidence", confidence, 0.0, 1.0);
  }
}
