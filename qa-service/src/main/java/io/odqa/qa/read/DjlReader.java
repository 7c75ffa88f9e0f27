package io.odqa.qa.read;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.QaConfig;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.Span;
import io.odqa.reader.read.SpanReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the config's best {@code reader.passages} passages with the loaded BERT span model; the
 * forward passes go through the {@link ForwardScheduler}, which bounds and batches them. An
 * answer's score is the reader probability times the passage's retrieval
 * probability raised to {@code reader.passageWeight}, where the retrieval probability is a
 * softmax of BM25 over the passages read (0 ignores retrieval, as DrQA's reader does).
 */
@ApplicationScoped
public class DjlReader implements Reader {
  private final ReaderModels models;
  private final ForwardScheduler scheduler;
  private final int nBest;

  DjlReader(ReaderModels models, ForwardScheduler scheduler, QaConfig config) {
    this.models = models;
    this.scheduler = scheduler;
    this.nBest = config.reader().nBest();
  }

  @Override
  public String modelVersion() {
    return models.version();
  }

  @Override
  public void checkCapacity() {
    scheduler.checkCapacity();
  }

  @Override
  public List<TextAnswer> read(String question, List<ScoredPassage> passages,
      PipelineConfig config) {
    PipelineConfig.Reader r = config.reader();
    List<ScoredPassage> read = passagesRead(passages, r);
    if (read.isEmpty()) {
      return List.of();
    }
    ReaderSettings settings = settings(r, nBest, scheduler.maxWindows(), scheduler.maxPadding());
    List<String> texts = read.stream().map(p -> p.passage().text()).toList();
    List<Span> spans = scheduler.reading(() -> models.withModel(m -> SpanReader.read(m,
        batches -> scheduler.forwardAll(m, batches), question, texts, settings)));
    return answers(spans, read, r);
  }

  /** The passages that {@code r} reads: the best {@code r.passages()} of those retrieved. */
  public static List<ScoredPassage> passagesRead(List<ScoredPassage> passages,
      PipelineConfig.Reader r) {
    return passages.subList(0, Math.min(passages.size(), r.passages()));
  }

  /**
   * The span reader's settings for reader knobs {@code r}, with {@code nBest} candidates and
   * batches of at most {@code maxWindows} windows carrying at most {@code maxPadding} padding.
   */
  public static ReaderSettings settings(PipelineConfig.Reader r, int nBest, int maxWindows,
      double maxPadding) {
    return ReaderSettings.DEFAULT.withWindow(r.windowTokens(), r.stride())
        .withMaxAnswerTokens(r.maxAnswerTokens()).withBatching(nBest, maxWindows)
        .withMaxPadding(maxPadding);
  }

  /**
   * Spans read from {@code read} (a span's {@code passage} indexes it) as answers, best first:
   * spans below {@code r.minScore()} dropped, the rest scored {@code p × prior^passageWeight}.
   * Pure, so that an evaluation that caches logits scores answers with this same code.
   */
  public static List<TextAnswer> answers(List<Span> spans, List<ScoredPassage> read,
      PipelineConfig.Reader r) {
    if (read.isEmpty()) {
      return List.of();
    }
    double[] prior = retrievalProbabilities(read);
    List<TextAnswer> out = new ArrayList<>(spans.size());
    for (Span s : spans) {
      if (s.probability() < r.minScore()) {
        continue;
      }
      ScoredPassage p = read.get(s.passage());
      double score = s.probability() * Math.pow(prior[s.passage()], r.passageWeight());
      int base = p.passage().start();
      out.add(new TextAnswer(s.text(), score, s.probability(), p, base + s.start(),
          base + s.end()));
    }
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out;
  }

  private static double[] retrievalProbabilities(List<ScoredPassage> passages) {
    double max = passages.get(0).score();
    double[] p = new double[passages.size()];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(passages.get(i).score() - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
