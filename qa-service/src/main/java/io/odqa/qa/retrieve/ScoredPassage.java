package io.odqa.qa.retrieve;

import io.odqa.core.model.Passage;

/**
 * A retrieved passage with its provenance.
 *
 * @param passage the passage and its offsets in the document text
 * @param title the document title
 * @param score the retrieval score (BM25)
 */
public record ScoredPassage(Passage passage, String title, float score) {}
