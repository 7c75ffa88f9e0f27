package io.odqa.qa.pipeline;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.config.PipelineConfigs;
import io.odqa.qa.retrieve.AnalyzedQuestion;
import io.odqa.qa.retrieve.QuestionAnalyzer;
import io.odqa.qa.retrieve.Retriever;
import io.odqa.qa.retrieve.ScoredPassage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs question analysis and retrieval on one config snapshot. Until the reader stage exists,
 * each answer is a whole retrieved passage: its text, BM25 score and offsets.
 */
@ApplicationScoped
public class AskService {
  /** Reported while no reader model is loaded. */
  static final String NO_MODEL = "none";

  private final PipelineConfigs configs;
  private final QuestionAnalyzer analyzer;
  private final Retriever retriever;

  AskService(PipelineConfigs configs, QuestionAnalyzer analyzer, Retriever retriever) {
    this.configs = configs;
    this.analyzer = analyzer;
    this.retriever = retriever;
  }

  /** Answers {@code question} from {@code collection}; {@code topK} overrides the config's. */
  public AskResult ask(String question, CollectionName collection, Integer topK) {
    PipelineConfig config = configs.current();
    Stopwatch clock = new Stopwatch();
    AnalyzedQuestion analyzed = analyzer.analyze(question);
    clock.lap("analyze");
    int k = topK == null ? config.topK() : topK;
    List<ScoredPassage> passages = retriever.retrieve(collection, analyzed, k, config);
    clock.lap("retrieve");
    List<Answer> answers = new ArrayList<>(passages.size());
    for (ScoredPassage hit : passages) {
      answers.add(new Answer(hit.passage().text(), hit.score(), "passage", hit.passage().id(),
          hit.passage().docId(), hit.title(), hit.passage().start(), hit.passage().end()));
    }
    return new AskResult(answers, clock.timings(), config.version(), NO_MODEL);
  }

  /** Milliseconds per stage, with {@code total} last. */
  private static final class Stopwatch {
    private final long start = System.nanoTime();
    private long last = start;
    private final Map<String, Double> laps = new LinkedHashMap<>();

    void lap(String stage) {
      long now = System.nanoTime();
      laps.put(stage, (now - last) / 1e6);
      last = now;
    }

    Map<String, Double> timings() {
      Map<String, Double> all = new LinkedHashMap<>(laps);
      all.put("total", (last - start) / 1e6);
      return all;
    }
  }
}
