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
 * Reads the config's best {@code reader.passages} passages with the loaded BERT span model, in
 * the rounds of the config's cascade ({@link ReadCascade}); the forward passes go through the {@link ForwardScheduler}, which bounds and batches them. An
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
  public Reading read(String question, List<ScoredPassage> passages, PipelineConfig config) {
    PipelineConfig.Reader r = config.reader();
    List<ScoredPassage> read = passagesRead(passages, r);
    if (read.isEmpty()) {
      return Reading.NONE;
    }
    ReaderSettings settings = settings(r, nBest, scheduler.maxWindows(), scheduler.maxPadding());
    int[] counts = new int[2];
    Reading reading = scheduler.reading(() -> models.withModel(m -> ReadCascade.read(read,
        config.cascade(), r, nBest, part -> SpanReader.read(m, batches -> {
          counts[0] += batches.size();
          for (long[][][] b : batches) {
            counts[1] += b[0].length;
          }
          return scheduler.forwardAll(m, batches);
        }, question, part.stream().map(p -> p.passage().text()).toList(), settings))));
    return new Reading(reading.answers(), reading.passagesRead(), reading.rounds(), counts[1],
        counts[0], reading.spans());
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
