package io.odqa.qa.tune;

/**
 * The best-ranked retrieved passage that contains a gold answer: a reader training example.
 *
 * @param id the question's id
 * @param passageId the passage
 * @param docId its document
 * @param title the document's title
 * @param text the passage text
 * @param answer the gold answer as it occurs in {@code text}
 * @param answerStart offset of {@code answer} in {@code text}
 */
public record Evidence(String id, String passageId, String docId, String title, String text,
    String answer, int answerStart) {}
