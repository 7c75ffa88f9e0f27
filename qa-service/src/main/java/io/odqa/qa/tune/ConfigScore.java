package io.odqa.qa.tune;

/**
 * End-to-end quality of one config over a session's questions.
 *
 * @param version the config's version label
 * @param n number of questions
 * @param em mean exact match of the top fused answer (SQuAD v1.1 normalisation)
 * @param f1 mean token F1 of the top fused answer
 * @param passagesRead mean passages the reader read per question (fewer than {@code
 *     reader.passages} when the cascade stopped early)
 * @param perQuestion the per-question values, in the session's question order
 * @param seconds wall time spent on this config
 */
public record ConfigScore(String version, int n, double em, double f1, double passagesRead,
    PerQuestion perQuestion, double seconds) {

  /**
   * Per-question EM and F1, in the session's question order (for paired tests); a question
   * without any answer scores 0 on both.
   */
  public record PerQuestion(double[] em, double[] f1) {}
}
