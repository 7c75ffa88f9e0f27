package io.odqa.feedback.qa;

/**
 * The best-ranked retrieved passage that contains a question's answer: a training example.
 *
 * @param id the question's id in its session
 * @param passageId the passage
 * @param text the passage text
 * @param answer the answer as it occurs in {@code text}
 * @param answerStart its character offset in {@code text}
 */
public record Evidence(String id, String passageId, String text, String answer, int answerStart) {}
