package io.odqa.feedback.qa;

import java.util.List;

/** A question of an evaluation session, with the answers that count as right. */
public record EvalQuestion(String id, String question, List<String> answers) {
  public EvalQuestion {
    answers = List.copyOf(answers);
  }
}
