package io.odqa.qa.explain;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.pipeline.Answer;
import io.odqa.qa.pipeline.AskResult;
import io.odqa.qa.pipeline.AskService;
import io.odqa.qa.pipeline.AskTrace;
import io.odqa.qa.read.Reading;
import io.odqa.qa.read.TextAnswer;
import io.odqa.qa.retrieve.RetrievalTrace;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.reader.read.Span;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains one question from a single {@link AskService#trace} run: the answers are those of
 * that run, and the rankings, spans and graph steps shown are the ones that run computed. No
 * stage runs twice, so an explanation costs what {@code /ask} costs.
 */
@ApplicationScoped
public class Explainer {
  /** Spans shown per passage read: enough to see the runner-up, little enough to read. */
  public static final int SPANS_PER_PASSAGE = 3;

  private final AskService service;

  Explainer(AskService service) {
    this.service = service;
  }

  /** Answers {@code question} as {@code /ask} does and explains the answers. */
  public Explanation explain(String question, CollectionName collection, Integer topK) {
    return of(service.trace(question, collection, topK));
  }

  /** The explanation of the run {@code trace}. */
  static Explanation of(AskTrace trace) {
    AskResult r = trace.result();
    return new Explanation(r.answers(), r.timings(), r.configVersion(), r.modelVersion(),
        r.graphModelVersion(), r.degraded(), r.reading(), retrieval(trace), spans(trace),
        trace.graph(), fusion(trace));
  }

  private static Explanation.Retrieval retrieval(AskTrace trace) {
    PipelineConfig c = trace.config();
    RetrievalTrace t = trace.retrieval();
    Map<String, Integer> bm25Rank = ranks(t.bm25());
    Map<String, Integer> denseRank = ranks(t.dense());
    int read = passagesRead(trace);
    List<Explanation.PassageTrace> passages = new ArrayList<>(t.passages().size());
    for (int i = 0; i < t.passages().size(); i++) {
      ScoredPassage p = t.passages().get(i);
      String id = p.passage().id();
      Integer b = bm25Rank.get(id);
      Integer d = denseRank.get(id);
      passages.add(new Explanation.PassageTrace(i + 1, id, p.passage().docId(), p.title(),
          p.passage().text(), p.passage().start(), p.passage().end(), p.score(),
          b == null ? null : (double) t.bm25().get(b - 1).score(), b,
          d == null ? null : (double) t.dense().get(d - 1).score(), d, i < read));
    }
    return new Explanation.Retrieval(t.k(), c.bm25K1(), c.bm25B(), c.titleBoost(),
        c.retrieval(), c.cascade(), c.reader(), t.bm25() != null, t.dense() != null, passages);
  }

  /** Rank from 1 of each passage id in {@code list} (the first, should one repeat). */
  private static Map<String, Integer> ranks(List<ScoredPassage> list) {
    Map<String, Integer> out = new HashMap<>();
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        out.putIfAbsent(list.get(i).passage().id(), i + 1);
      }
    }
    return out;
  }

  private static int passagesRead(AskTrace trace) {
    return trace.reading() == null ? 0 : trace.reading().passagesRead();
  }

  private static List<Explanation.PassageSpans> spans(AskTrace trace) {
    Reading reading = trace.reading();
    List<ScoredPassage> passages = trace.retrieval().passages();
    int read = Math.min(passagesRead(trace), passages.size());
    List<List<Span>> byPassage = new ArrayList<>(read);
    for (int i = 0; i < read; i++) {
      byPassage.add(new ArrayList<>());
    }
    if (reading != null) {
      reading.spans().stream().filter(s -> s.passage() < read)
          .forEach(s -> byPassage.get(s.passage()).add(s));
    }
    double minScore = trace.config().reader().minScore();
    List<Explanation.PassageSpans> out = new ArrayList<>(read);
    for (int i = 0; i < read; i++) {
      int base = passages.get(i).passage().start();
      List<Explanation.SpanTrace> top = byPassage.get(i).stream()
          .sorted(Comparator.comparingDouble(Span::probability).reversed()
              .thenComparingInt(Span::start).thenComparingInt(Span::end))
          .limit(SPANS_PER_PASSAGE)
          .map(s -> new Explanation.SpanTrace(s.text(), s.start(), s.end(), base + s.start(),
              base + s.end(), s.probability(), s.logit(), s.probability() >= minScore))
          .toList();
      out.add(new Explanation.PassageSpans(passages.get(i).passage().id(), i + 1, top));
    }
    return out;
  }

  private static Explanation.Fusion fusion(AskTrace trace) {
    PipelineConfig c = trace.config();
    List<TextAnswer> text = trace.reading() == null ? List.of() : trace.reading().answers();
    List<Explanation.FusedAnswer> answers = new ArrayList<>();
    for (Answer a : trace.result().answers()) {
      Double textScore = text.stream()
          .filter(t -> t.passage().passage().id().equals(a.passageId())
              && a.start() != null && t.start() == a.start() && t.end() == a.end())
          .map(TextAnswer::score).findFirst().orElse(null);
      answers.add(new Explanation.FusedAnswer(a.text(), a.source(), textScore, a.readerScore(),
          a.passageScore(), a.kgScore(), a.score()));
    }
    return new Explanation.Fusion(c.fusion().kgWeight(), c.reader().passageWeight(),
        c.graph().minConfidence(), answers);
  }
}
