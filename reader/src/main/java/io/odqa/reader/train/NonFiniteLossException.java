package io.odqa.reader.train;

import java.util.List;

/**
 * Training stopped because too many updates had a loss or gradient that was NaN or infinite
 * ({@link ReaderTrainer} skips a few such updates without touching the weights, and gives up
 * after three in a row or more than 5% of the run). Nothing is exported. The message names the
 * last bad update and the questions of its batch, which is where a diagnosis starts.
 */
public final class NonFiniteLossException extends IllegalStateException {
  private final int update;
  private final List<String> questionIds;

  public NonFiniteLossException(int update, int total, int skipped, List<String> questionIds) {
    super("training loss or gradient was not finite in " + skipped + " updates, the last at "
        + update + " of " + total + "; the run is abandoned and nothing is written. That"
        + " batch's questions: " + questionIds);
    this.update = update;
    this.questionIds = List.copyOf(questionIds);
  }

  /** The 1-based update, the last whose loss or gradient was not finite. */
  public int update() {
    return update;
  }

  /** The ids of the questions in that update's batch. */
  public List<String> questionIds() {
    return questionIds;
  }
}
