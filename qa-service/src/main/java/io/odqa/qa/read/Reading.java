package io.odqa.qa.read;

import java.util.List;

/**
 * What the reader stage did for one question.
 *
 * @param answers text answers, best first
 * @param passagesRead passages the reader read: all it was given, or the first round's when the
 *     cascade stopped early
 * @param rounds reading rounds: 1, or 2 when the first round was not confident enough
 * @param windows model input windows run
 * @param passes forward-pass batches submitted (each runs alone or joined with other requests')
 */
public record Reading(List<TextAnswer> answers, int passagesRead, int rounds, int windows,
    int passes) {
  /** Nothing read. */
  public static final Reading NONE = new Reading(List.of(), 0, 0, 0, 0);

  /** The same reading with other answers (a cached reading re-scored). */
  public Reading withAnswers(List<TextAnswer> next) {
    return new Reading(next, passagesRead, rounds, windows, passes);
  }
}
