package io.odqa.qa.tune;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.fuse.AnswerFuser;
import io.odqa.qa.kg.GraphAnswer;
import io.odqa.qa.pipeline.Answer;
import io.odqa.qa.pipeline.AskService;
import io.odqa.qa.read.DjlReader;
import io.odqa.qa.read.Reading;
import io.odqa.qa.read.TextAnswer;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.reader.read.SquadMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One question set over one collection, with its caches: scores configs as {@code /ask} would
 * answer under them (retrieve → read → graph → fuse; the top fused answer against the gold
 * answers), and finds evidence passages. Calls on one session run one at a time, so its forward
 * passes take at most one slot of the reader's queue.
 */
final class EvalSession implements SessionRegistry.Closable {
  private final String id;
  private final CollectionName collection;
  private final List<EvalQuestion> questions;
  private final ModelSource model;
  private final RetrievalCache retrieval;
  private final WindowCache windows;
  private final GraphCache graph;
  private final CachedReader reader;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;
  private boolean released;

  EvalSession(String id, CollectionName collection, List<EvalQuestion> questions,
      ModelSource model, RetrievalCache retrieval, WindowCache windows, GraphCache graph,
      CachedReader reader) {
    this.id = id;
    this.collection = collection;
    this.questions = List.copyOf(questions);
    this.model = model;
    this.retrieval = retrieval;
    this.windows = windows;
    this.graph = graph;
    this.reader = reader;
  }

  String id() {
    return id;
  }

  int size() {
    return questions.size();
  }

  /** Scores each of {@code configs} in order; cache counts are this call's lookups. */
  ScoreResponse score(List<PipelineConfig> configs) {
    return exclusive(() -> {
      ScoreResponse.Counts r0 = retrieval.counts();
      ScoreResponse.Counts w0 = windows.counts();
      ScoreResponse.Counts g0 = graph.counts();
      List<ConfigScore> results = new ArrayList<>(configs.size());
      for (PipelineConfig c : configs) {
        results.add(score(c));
      }
      return new ScoreResponse(results, new ScoreResponse.CacheStats(
          retrieval.counts().minus(r0), windows.counts().minus(w0), graph.counts().minus(g0)));
    });
  }

  /** For each question, the best-ranked passage (to the depth) holding a gold answer. */
  EvidenceResponse evidence(PipelineConfig config) {
    return exclusive(() -> {
      List<Evidence> items = new ArrayList<>(questions.size());
      for (int q = 0; q < questions.size(); q++) {
        List<ScoredPassage> ranked = retrieval.passages(q, config);
        List<String> texts = ranked.stream().map(p -> p.passage().text()).toList();
        EvalQuestion question = questions.get(q);
        items.add(EvidenceFinder.find(texts, question.answers()).map(m -> {
          ScoredPassage p = ranked.get(m.passage());
          return new Evidence(question.id(), p.passage().id(), p.passage().docId(), p.title(),
              p.passage().text(), m.answer(), m.start());
        }).orElse(null));
      }
      return new EvidenceResponse(items);
    });
  }

  private ConfigScore score(PipelineConfig config) {
    long start = System.nanoTime();
    int n = questions.size();
    double[] em = new double[n];
    double[] f1 = new double[n];
    long passagesRead = 0;
    for (int q = 0; q < n; q++) {
      Reading reading = reading(q, config);
      passagesRead += reading.passagesRead();
      Optional<Answer> top = topAnswer(q, config, reading.answers());
      List<String> golds = questions.get(q).answers();
      em[q] = top.map(a -> SquadMetrics.exactMatch(a.text(), golds)).orElse(0.0);
      f1[q] = top.map(a -> SquadMetrics.f1(a.text(), golds)).orElse(0.0);
    }
    return new ConfigScore(config.version(), n, mean(em), mean(f1),
        n == 0 ? 0 : (double) passagesRead / n, new ConfigScore.PerQuestion(em, f1),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * The first answer {@code /ask} gives under {@code config}, from the caches; for a question
   * with incomplete judgments, the first judged one of its answers.
   */
  private Optional<Answer> topAnswer(int q, PipelineConfig config, List<TextAnswer> text) {
    EvalQuestion eq = questions.get(q);
    String question = eq.question();
    List<GraphAnswer> kg = graph.answers(q, question, config);
    if (eq.judged()) {
      return JudgedAnswer.first(AnswerFuser.fuse(text, kg, config.fusion(),
          AskService.MAX_ANSWERS), eq.answers(), eq.rejected());
    }
    // The limit does not change the order, so the first of one is the first of /ask's ten.
    return AnswerFuser.fuse(text, kg, config.fusion(), 1).stream().findFirst();
  }

  /** The reader stage of {@code /ask} for question {@code q} under {@code config}, cached. */
  private Reading reading(int q, PipelineConfig config) {
    List<ScoredPassage> read = DjlReader.passagesRead(retrieval.top(q, config), config.reader());
    return reader.read(q, questions.get(q).question(), read, config.reader(), config.cascade());
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }

  /**
   * Runs {@code work} alone on this session; fails as an unknown session once it is closed.
   * Whoever finds the session closed and free releases it: a session evicted in the middle of
   * a call keeps its model until the call ends.
   */
  private <T> T exclusive(Supplier<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw EvalService.unknown(id);
      }
      return work.get();
    } finally {
      lock.unlock();
      releaseIfClosed();
    }
  }

  @Override
  public void close() {
    closed = true;
    releaseIfClosed();
  }

  private void releaseIfClosed() {
    if (closed && lock.tryLock()) {
      try {
        if (!released) {
          released = true;
          retrieval.clear();
          windows.clear();
          graph.clear();
          model.close();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public String toString() {
    return "eval session " + id + " (" + questions.size() + " questions over " + collection + ")";
  }
}
