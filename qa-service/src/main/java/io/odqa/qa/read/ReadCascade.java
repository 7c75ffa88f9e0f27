package io.odqa.qa.read;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.reader.read.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The reader's cascade with early exit: read the most promising passages first, stop when the
 * reader is confident, and pay for the others only when it is not. Retrieval has already ordered
 * the passages by promise (BM25, dense or fused); the first round reads the best {@code
 * cascade.first} of them, and when its best span's reader probability reaches {@code
 * cascade.exitScore} (a threshold calibrated on labelled questions: see {@code
 * docs/evaluation/fast-answers.md}) the answers are those of the first round alone, with the
 * retrieval prior over the passages read. Otherwise the rest are read and both rounds' spans
 * are ranked together, which is what one round over all passages gives.
 *
 * <p>Pure over {@code spansOf}, so the live reader and the evaluation sessions' cached reader
 * share it.
 */
public final class ReadCascade {
  private ReadCascade() {}

  /**
   * Reads {@code read} (best first) in at most two rounds; {@code spansOf} returns the best
   * spans of a list of passages, a span's {@code passage} indexing that list. The reading keeps
   * every span of the rounds run, indexing {@code read}.
   */
  public static Reading read(List<ScoredPassage> read, PipelineConfig.Cascade cascade,
      PipelineConfig.Reader r, int nBest, Function<List<ScoredPassage>, List<Span>> spansOf) {
    if (read.isEmpty()) {
      return Reading.NONE;
    }
    int first = Math.min(cascade.first(), read.size());
    List<ScoredPassage> head = read.subList(0, first);
    List<Span> spans = spansOf.apply(head);
    if (first == read.size() || confident(spans, cascade)) {
      return new Reading(DjlReader.answers(spans, head, r), first, 1, 0, 0, spans);
    }
    List<Span> all = new ArrayList<>(spans);
    for (Span s : spansOf.apply(read.subList(first, read.size()))) {
      all.add(new Span(s.passage() + first, s.start(), s.end(), s.text(), s.probability(),
          s.logit()));
    }
    all.sort(Comparator.comparingDouble(Span::probability).reversed()
        .thenComparingInt(Span::passage).thenComparingInt(Span::start).thenComparingInt(Span::end));
    List<Span> best = all.subList(0, Math.min(all.size(), nBest));
    return new Reading(DjlReader.answers(best, read, r), read.size(), 2, 0, 0, all);
  }

  /** Whether the first round's best span clears the exit threshold; 1 never exits. */
  static boolean confident(List<Span> spans, PipelineConfig.Cascade cascade) {
    return cascade.exitScore() < 1.0 && !spans.isEmpty()
        && spans.get(0).probability() >= cascade.exitScore();
  }
}
