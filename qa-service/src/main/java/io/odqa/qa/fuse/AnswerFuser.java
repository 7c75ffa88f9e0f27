package io.odqa.qa.fuse;

import io.odqa.core.model.PipelineConfig;
import io.odqa.reader.read.SquadMetrics;
import io.odqa.qa.kg.GraphAnswer;
import io.odqa.qa.pipeline.Answer;
import io.odqa.qa.read.TextAnswer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges text and graph answers that say the same thing. Answers are grouped by their SQuAD
 * normal form; a group keeps its best text answer (for the offsets) and its best graph answer
 * (for the path), and scores {@code (1 - w) * text + w * kg} with {@code w = fusion.kgWeight}
 * and a missing side counting 0. Ties go to the shorter, then alphabetically first, text.
 */
public final class AnswerFuser {
  private AnswerFuser() {}

  /** The fused answers, best first, at most {@code limit}. */
  public static List<Answer> fuse(List<TextAnswer> text, List<GraphAnswer> graph,
      PipelineConfig.Fusion fusion, int limit) {
    Map<String, TextAnswer> bestText = new LinkedHashMap<>();
    for (TextAnswer t : text) {
      bestText.merge(SquadMetrics.normalise(t.text()), t, (a, b) -> a.score() >= b.score() ? a : b);
    }
    Map<String, GraphAnswer> bestGraph = new LinkedHashMap<>();
    for (GraphAnswer g : graph) {
      bestGraph.merge(SquadMetrics.normalise(g.text()), g,
          (a, b) -> a.confidence() >= b.confidence() ? a : b);
    }
    double w = fusion.kgWeight();
    List<Answer> out = new ArrayList<>();
    for (Map.Entry<String, TextAnswer> e : bestText.entrySet()) {
      TextAnswer t = e.getValue();
      GraphAnswer g = bestGraph.remove(e.getKey());
      double kg = g == null ? 0 : g.confidence();
      out.add(new Answer(t.text(), (1 - w) * t.score() + w * kg, g == null ? "text" : "text+kg",
          t.passage().passage().id(), t.passage().passage().docId(), t.passage().title(),
          t.start(), t.end(), t.readerProbability(), (double) t.passage().score(),
          g == null ? null : g.confidence(), g == null ? null : g.path()));
    }
    for (GraphAnswer g : bestGraph.values()) {
      out.add(new Answer(g.text(), w * g.confidence(), "kg", null, null, null, null, null, null,
          null, g.confidence(), g.path()));
    }
    out.sort(Comparator.comparingDouble(Answer::score).reversed()
        .thenComparingInt(a -> a.text().length()).thenComparing(Answer::text));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }
}
