package io.odqa.qa.pipeline;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.config.PipelineConfigs;
import io.odqa.qa.fuse.AnswerFuser;
import io.odqa.qa.kg.GraphAnswer;
import io.odqa.qa.kg.GraphAnswerer;
import io.odqa.qa.kg.GraphUnavailableException;
import io.odqa.qa.read.Reader;
import io.odqa.qa.read.ReaderUnavailableException;
import io.odqa.qa.read.TextAnswer;
import io.odqa.qa.retrieve.AnalyzedQuestion;
import io.odqa.qa.retrieve.QuestionAnalyzer;
import io.odqa.qa.retrieve.Retriever;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.qa.retrieve.UnknownCollectionException;
import io.odqa.qa.retrieve.UnknownDocumentException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs the pipeline on one config snapshot: analyze → retrieve → read → kg → fuse, timing each
 * stage. A stage that cannot run (no reader model, Neo4j down) is named in {@code degraded} and
 * the others still answer: without a reader the answers are whole passages.
 */
@ApplicationScoped
public class AskService {
  private static final Logger LOG = Logger.getLogger(AskService.class);
  /** Answers returned per question. */
  public static final int MAX_ANSWERS = 10;

  private final PipelineConfigs configs;
  private final QuestionAnalyzer analyzer;
  private final Retriever retriever;
  private final Reader reader;
  private final GraphAnswerer graph;

  AskService(PipelineConfigs configs, QuestionAnalyzer analyzer, Retriever retriever,
      Reader reader, GraphAnswerer graph) {
    this.configs = configs;
    this.analyzer = analyzer;
    this.retriever = retriever;
    this.reader = reader;
    this.graph = graph;
  }

  /** Answers {@code question} from {@code collection}; {@code topK} overrides the config's. */
  public AskResult ask(String question, CollectionName collection, Integer topK) {
    PipelineConfig config = configs.current();
    reader.checkCapacity();
    Stopwatch clock = new Stopwatch();
    AnalyzedQuestion analyzed = analyzer.analyze(question);
    clock.lap("analyze");
    int k = topK == null ? config.topK() : topK;
    List<ScoredPassage> passages;
    try {
      passages = retriever.retrieve(collection, analyzed, k, config);
    } catch (UnknownCollectionException e) {
      // A collection of triples only (no passage index) can still be answered by the graph.
      clock.lap("retrieve");
      AskResult graphOnly = answer(question, collection, List.of(), config, clock, true);
      if (graphOnly.answers().isEmpty()) {
        throw e;
      }
      return graphOnly;
    }
    clock.lap("retrieve");
    return answer(question, collection, passages, config, clock, true);
  }

  /**
   * Reads every passage of document {@code docId} (no retrieval, no graph): how the reader does
   * on a known gold passage, which {@code ./odqa eval qa} reports separately.
   */
  public AskResult readDocument(String question, CollectionName collection, String docId) {
    PipelineConfig config = configs.current();
    reader.checkCapacity();
    Stopwatch clock = new Stopwatch();
    List<ScoredPassage> passages = retriever.passagesOf(collection, docId);
    if (passages.isEmpty()) {
      throw new UnknownDocumentException(collection, docId);
    }
    clock.lap("retrieve");
    // Every passage of the document is read, and all score 0 for retrieval, so no prior.
    PipelineConfig.Reader r = config.reader();
    PipelineConfig all = config.withReader(new PipelineConfig.Reader(
        Math.min(50, passages.size()), r.windowTokens(), r.stride(), r.maxAnswerTokens(),
        r.minScore(), 0.0));
    return answer(question, collection, passages, all, clock, false);
  }

  /** Retrieval only: the best {@code k} passages, for retrieval evaluation. */
  public List<RetrievedPassage> retrieve(String question, CollectionName collection, int k) {
    PipelineConfig config = configs.current();
    return reported(retriever.retrieve(collection, analyzer.analyze(question), k, config));
  }

  private AskResult answer(String question, CollectionName collection,
      List<ScoredPassage> passages, PipelineConfig config, Stopwatch clock, boolean useGraph) {
    List<String> degraded = new ArrayList<>();
    List<TextAnswer> text = List.of();
    boolean read = true;
    try {
      text = reader.read(question, passages, config);
    } catch (ReaderUnavailableException e) {
      degraded.add("reader");
      read = false;
    }
    clock.lap("read");
    List<GraphAnswer> kg = List.of();
    if (useGraph) {
      try {
        kg = graph.answer(question, collection, config);
      } catch (GraphUnavailableException e) {
        LOG.debugf("graph stage skipped: %s", e.getMessage());
        degraded.add("kg");
      }
      clock.lap("kg");
    }
    List<Answer> answers = read ? AnswerFuser.fuse(text, kg, config.fusion(), MAX_ANSWERS)
        : wholePassages(passages);
    clock.lap("fuse");
    return new AskResult(answers, reported(passages), clock.timings(), config.version(),
        reader.modelVersion(), graph.modelVersion(), degraded);
  }

  private static List<Answer> wholePassages(List<ScoredPassage> passages) {
    List<Answer> out = new ArrayList<>(passages.size());
    for (ScoredPassage hit : passages) {
      out.add(new Answer(hit.passage().text(), hit.score(), "passage", hit.passage().id(),
          hit.passage().docId(), hit.title(), hit.passage().start(), hit.passage().end(), null,
          (double) hit.score(), null, null));
    }
    return out;
  }

  private static List<RetrievedPassage> reported(List<ScoredPassage> passages) {
    return passages.stream().map(p -> new RetrievedPassage(p.passage().id(), p.passage().docId(),
        p.title(), p.score(), p.passage().start(), p.passage().end())).toList();
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
