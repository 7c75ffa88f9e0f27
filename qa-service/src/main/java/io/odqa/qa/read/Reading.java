package io.odqa.qa.read;

import io.odqa.reader.read.Span;
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
 * @param spans every span the reader returned, before the {@code minScore} cut and the
 *     retrieval prior, best first; a span's {@code passage} indexes the passages given (the
 *     read ones are their first {@code passagesRead}). Kept from the same reading, not re-read,
 *     so that {@code /ask/explain} shows what this reading saw
 */
public record Reading(List<TextAnswer> answers, int passagesRead, int rounds, int windows,
    int passes, List<Span> spans) {
  /** Nothing read. */
  public static final Reading NONE = new Reading(List.of(), 0, 0, 0, 0);

  public Reading {
    spans = List.copyOf(spans);
  }

  /** A reading whose spans are not kept. */
  public Reading(List<TextAnswer> answers, int passagesRead, int rounds, int windows,
      int passes) {
    this(answers, passagesRead, rounds, windows, passes, List.of());
  }

  /** The same reading with other answers (a cached reading re-scored). */
  public Reading withAnswers(List<TextAnswer> next) {
    return new Reading(next, passagesRead, rounds, windows, passes, spans);
  }
}
