package io.odqa.qa.tune;

import java.util.List;

/**
 * One question of an evaluation set.
 *
 * @param id unique within the session, non-blank
 * @param question the question, 1 to 1,000 characters
 * @param answers the gold answers, at least one, each non-blank
 * @param rejected null when {@code answers} are complete (the first answer is scored); else
 *     the answers feedback rejected, possibly none, and the first judged answer of the
 *     answers {@code /ask} gives is scored ({@link JudgedAnswer})
 */
public record EvalQuestion(String id, String question, List<String> answers,
    List<String> rejected) {
  /** A question with complete gold answers. */
  public EvalQuestion(String id, String question, List<String> answers) {
    this(id, question, answers, null);
  }

  /** Whether only judged answers are scored. */
  public boolean judged() {
    return rejected != null;
  }
}
