package io.odqa.reader.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.Span;
import io.odqa.reader.read.SpanReader;
import io.odqa.reader.read.SquadMetrics;
import java.util.List;

/** Gold-paragraph EM and F1 of a model on a tokenised SQuAD set, with the reader's decoding. */
public final class Evaluator {
  private Evaluator() {}

  /** Mean exact match and F1, fractions in [0, 1]. */
  public record Scores(int n, double em, double f1) {}

  /** Reads each question's own paragraph and scores the best span against the gold answers. */
  public static Scores evaluate(ReaderModel model, TokenizedSet set, ReaderSettings windows) {
    double em = 0;
    double f1 = 0;
    SpanReader.Forward forward = in -> {
      try (NDManager m = model.manager().newSubManager()) {
        return SpanReader.split(model.spanLogits(new NDList(m.create(in[0]), m.create(in[1]),
            m.create(in[2]))), in);
      }
    };
    for (TokenizedSet.Question q : set.questions()) {
      TokenizedSet.Context c = set.contexts().get(q.context());
      List<QaTokenizer.Tokens> tokens = List.of(c.tokens());
      List<Span> spans = SpanReader.read(forward, set.cls(), set.sep(), q.ids(), tokens,
          List.of(c.text()), windows);
      String prediction = spans.isEmpty() ? "" : spans.get(0).text();
      em += SquadMetrics.exactMatch(prediction, q.answers());
      f1 += SquadMetrics.f1(prediction, q.answers());
    }
    int n = set.questions().size();
    return new Scores(n, n == 0 ? 0 : em / n, n == 0 ? 0 : f1 / n);
  }
}
