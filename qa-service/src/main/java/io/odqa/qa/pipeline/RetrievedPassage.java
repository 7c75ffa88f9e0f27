package io.odqa.qa.pipeline;

/**
 * A retrieved passage as reported with an answer.
 *
 * @param passageId the passage id
 * @param docId its document
 * @param title the document title
 * @param score BM25 score
 * @param start offset of the passage in the document text
 * @param end offset just past it
 */
public record RetrievedPassage(String passageId, String docId, String title, double score,
    int start, int end) {}
