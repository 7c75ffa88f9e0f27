package io.odqa.qa.read;

import io.odqa.qa.retrieve.ScoredPassage;

/**
 * An answer span read from a passage.
 *
 * @param text the span text
 * @param score the reader probability weighted by the passage's retrieval probability
 * @param readerProbability P(start) x P(end) from the reader
 * @param passage the passage it was read from
 * @param start offset of the span in the document text (passage start + offset in the passage)
 * @param end offset just past the span in the document text
 */
public record TextAnswer(String text, double score, double readerProbability,
    ScoredPassage passage, int start, int end) {}
