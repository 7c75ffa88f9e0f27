package io.odqa.feedback.qa;

import java.util.List;

/**
 * A question of an evaluation session, with the answers that count as right.
 *
 * @param rejected null when {@code answers} are complete; else the answers feedback rejected,
 *     and qa-service scores the first answer the feedback judged (a condensed list)
 */
public record EvalQuestion(String id, String question, List<String> answers,
    List<String> rejected) {
  public EvalQuestion {
    answers = List.copyOf(answers);
    rejected = rejected == null ? null : List.copyOf(rejected);
  }

  /** A question with complete gold answers. */
  public EvalQuestion(String id, String question, List<String> answers) {
    this(id, question, answers, null);
  }
}
