package io.odqa.feedback.qa;

/**
 * One config's score on a session's questions.
 *
 * @param version the config's version label
 * @param em mean exact match
 * @param f1 mean token F1
 * @param perQuestionF1 F1 per question, in the session's order (for paired comparisons)
 * @param perQuestionEm exact match per question, in the session's order
 */
public record SessionScore(String version, double em, double f1, double[] perQuestionF1,
    double[] perQuestionEm) {}
