package io.odqa.qa.tune;

import io.odqa.qa.pipeline.Answer;
import io.odqa.reader.read.SquadMetrics;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer a list is scored by when the judgments are incomplete: the first one the feedback
 * judged, skipping those it did not (a condensed list, Sakai 2007).
 *
 * <p>A graph question often has many right answers (the films of an actor, two films of one
 * title) and feedback confirms the one it was shown. Scoring only the first answer against
 * that one rewards a model for ordering the right answers as the model that served them did,
 * not for being right: a refreshed graph model that orders them otherwise loses a third of
 * the questions it answers correctly. Skipping unjudged answers in both lists compares what
 * the feedback can tell apart: the confirmed answer, or one that overlaps it, against a
 * rejected one. An answer is judged when it overlaps a confirmed answer (F1 above zero) or is
 * a rejected one in SQuAD normal form.
 */
public final class JudgedAnswer {
  private JudgedAnswer() {}

  /** The first answer of {@code ranked} that {@code confirmed} or {@code rejected} judges. */
  public static Optional<Answer> first(List<Answer> ranked, List<String> confirmed,
      List<String> rejected) {
    Set<String> no = rejected.stream().map(SquadMetrics::normalise).collect(Collectors.toSet());
    return ranked.stream()
        .filter(a -> SquadMetrics.f1(a.text(), confirmed) > 0
            || no.contains(SquadMetrics.normalise(a.text())))
        .findFirst();
  }
}
