package io.odqa.qa.pipeline;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.config.PipelineConfigs;
import io.odqa.qa.fuse.AnswerFuser;
import io.odqa.qa.kg.GraphAnswer;
import io.odqa.qa.kg.GraphAnswerer;
import io.odqa.qa.kg.GraphUnavailableException;
import io.odqa.qa.kg.KgResult;
import io.odqa.qa.read.Reader;
import io.odqa.qa.read.Reading;
import io.odqa.qa.read.ReaderUnavailableException;
import io.odqa.qa.retrieve.AnalyzedQuestion;
import io.odqa.qa.retrieve.QuestionAnalyzer;
import io.odqa.qa.retrieve.RetrievalTrace;
import io.odqa.qa.retrieve.Retriever;
import io.odqa.qa.retrieve.ScoredPassage;
import io.odqa.qa.retrieve.UnknownCollectionException;
import io.odqa.qa.retrieve.UnknownDocumentException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs the pipeline on one config snapshot: analyze → retrieve → read → fuse, with the graph
 * stage (kg) running beside retrieve and read, timing each stage ({@code kg} is the graph stage's
 * own time, {@code kg-wait} what the request waited for it after reading). A stage that cannot
 * run (no reader model, Neo4j down) is named in {@code degraded} and the others still answer:
 * without a reader the answers are whole passages. {@link #trace} keeps each stage's output for
 * {@code /ask/explain}.
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
  /** Runs the graph stage beside retrieval and reading; daemon threads, created on demand. */
  private final ExecutorService graphStage = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "graph-stage");
    t.setDaemon(true);
    return t;
  });

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
    return trace(question, collection, topK).result();
  }

  /**
   * Answers as {@link #ask} does and keeps what each stage produced (rankings, spans, graph
   * steps): the same run, not a second one, so its answers are the ones {@code /ask} gives.
   */
  public AskTrace trace(String question, CollectionName collection, Integer topK) {
    PipelineConfig config = configs.current();
    reader.checkCapacity();
    Stopwatch clock = new Stopwatch();
    AnalyzedQuestion analyzed = analyzer.analyze(question);
    clock.lap("analyze");
    // The graph stage needs neither retrieval nor the reader: it runs beside them.
    CompletableFuture<GraphOutcome> kg = CompletableFuture.supplyAsync(
        () -> GraphOutcome.of(graph, question, collection, config), graphStage);
    int k = topK == null ? config.topK() : topK;
    RetrievalTrace retrieval;
    try {
      retrieval = retriever.trace(collection, analyzed, k, config);
    } catch (UnknownCollectionException e) {
      // A collection of triples only (no passage index) can still be answered by the graph.
      clock.lap("retrieve");
      AskTrace graphOnly = answer(question, RetrievalTrace.none(k), config, clock, kg);
      if (graphOnly.result().answers().isEmpty()) {
        throw e;
      }
      return graphOnly;
    } catch (RuntimeException e) {
      kg.cancel(false);
      throw e;
    }
    clock.lap("retrieve");
    return answer(question, retrieval, config, clock, kg);
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
    // Every passage of the document is read (no cascade), and all score 0 for retrieval, so no
    // prior.
    PipelineConfig.Reader r = config.reader();
    PipelineConfig all = config.withReader(new PipelineConfig.Reader(
        Math.min(50, passages.size()), r.windowTokens(), r.stride(), r.maxAnswerTokens(),
        r.minScore(), 0.0)).withCascade(PipelineConfig.Cascade.OFF);
    return answer(question, new RetrievalTrace(passages.size(), passages, null, null), all, clock,
        null).result();
  }

  /** Retrieval only: the best {@code k} passages, for retrieval evaluation. */
  public List<RetrievedPassage> retrieve(String question, CollectionName collection, int k) {
    PipelineConfig config = configs.current();
    return reported(retriever.retrieve(collection, analyzer.analyze(question), k, config));
  }

  /** Reads, joins the graph stage's outcome ({@code kg}; null: no graph) and fuses. */
  private AskTrace answer(String question, RetrievalTrace retrieval, PipelineConfig config,
      Stopwatch clock, CompletableFuture<GraphOutcome> kg) {
    List<ScoredPassage> passages = retrieval.passages();
    List<String> degraded = new ArrayList<>();
    Reading reading = null;
    try {
      reading = reader.read(question, passages, config);
    } catch (ReaderUnavailableException e) {
      degraded.add("reader");
    } catch (RuntimeException e) {
      if (kg != null) {
        kg.cancel(false);
      }
      throw e;
    }
    clock.lap("read");
    KgResult graphTrace = null;
    if (kg != null) {
      GraphOutcome outcome = kg.join();
      clock.lap("kg-wait");
      clock.put("kg", outcome.millis());
      graphTrace = outcome.trace();
      if (graphTrace == null) {
        degraded.add("kg");
      }
    }
    List<GraphAnswer> graphAnswers = graphTrace == null ? List.of() : graphTrace.answers();
    List<Answer> answers = reading != null
        ? AnswerFuser.fuse(reading.answers(), graphAnswers, config.fusion(), MAX_ANSWERS)
        : wholePassages(passages);
    clock.lap("fuse");
    AskResult.ReadStats stats = reading == null ? null : new AskResult.ReadStats(
        reading.passagesRead(), reading.rounds(), reading.windows(), reading.passes());
    AskResult result = new AskResult(answers, reported(passages), clock.timings(),
        config.version(), reader.modelVersion(), graph.modelVersion(), degraded, stats);
    return new AskTrace(result, config, retrieval, reading, graphTrace);
  }

  /**
   * The graph stage's steps and answers, null when Neo4j could not answer, and its own
   * duration.
   */
  private record GraphOutcome(KgResult trace, double millis) {
    static GraphOutcome of(GraphAnswerer graph, String question, CollectionName collection,
        PipelineConfig config) {
      long start = System.nanoTime();
      try {
        return new GraphOutcome(graph.trace(question, collection, config),
            (System.nanoTime() - start) / 1e6);
      } catch (GraphUnavailableException e) {
        LOG.debugf("graph stage skipped: %s", e.getMessage());
        return new GraphOutcome(null, (System.nanoTime() - start) / 1e6);
      }
    }
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

    /** A stage that ran beside the others, with its own duration. */
    void put(String stage, double millis) {
      laps.put(stage, millis);
    }

    Map<String, Double> timings() {
      Map<String, Double> all = new LinkedHashMap<>(laps);
      all.put("total", (last - start) / 1e6);
      return all;
    }
  }
}
