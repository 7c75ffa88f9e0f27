package io.odqa.qa.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.QaConfig;
import io.odqa.qa.config.PipelineConfigs;
import io.odqa.qa.kg.GraphAnswerer;
import io.odqa.qa.kg.GraphModels;
import io.odqa.qa.kg.KgqaGraphAnswerer;
import io.odqa.qa.read.ForwardScheduler;
import io.odqa.qa.read.ReaderModels;
import io.odqa.qa.retrieve.AnalyzedQuestion;
import io.odqa.qa.retrieve.CollectionSearchers;
import io.odqa.qa.retrieve.QuestionAnalyzer;
import io.odqa.qa.retrieve.Retriever;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Evaluation sessions for the tuner: creates them (checking the questions, the collection and
 * any model directory), scores configs and finds evidence in them, and closes them when deleted,
 * evicted ({@code odqa.eval-session.max-sessions}) or idle ({@code idle-timeout}).
 */
@ApplicationScoped
public class EvalService {
  private static final Logger LOG = Logger.getLogger(EvalService.class);

  private final EvalSessionConfig config;
  private final QaConfig qa;
  private final CollectionSearchers searchers;
  private final QuestionAnalyzer analyzer;
  private final Retriever retriever;
  private final GraphAnswerer graph;
  private final ForwardScheduler scheduler;
  private final ReaderModels models;
  private final PipelineConfigs configs;
  private final ObjectMapper mapper;
  private final SessionRegistry<EvalSession> sessions;
  private final ScheduledExecutorService sweeper;

  EvalService(EvalSessionConfig config, QaConfig qa, CollectionSearchers searchers,
      QuestionAnalyzer analyzer, Retriever retriever, GraphAnswerer graph,
      ForwardScheduler scheduler, ReaderModels models, PipelineConfigs configs,
      ObjectMapper mapper) {
    this.config = checked(config);
    this.qa = qa;
    this.searchers = searchers;
    this.analyzer = analyzer;
    this.retriever = retriever;
    this.graph = graph;
    this.scheduler = scheduler;
    this.models = models;
    this.configs = configs;
    this.mapper = mapper;
    this.sessions = new SessionRegistry<>(config.maxSessions(), config.idleTimeout(),
        System::nanoTime);
    // Sweeping also happens on every call; the timer closes idle sessions nobody calls again,
    // which may hold a model's native memory.
    long period = Math.max(1, Math.min(60, config.idleTimeout().toSeconds() / 2));
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eval-session-sweeper");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(sessions::sweep, period, period, TimeUnit.SECONDS);
  }

  private static EvalSessionConfig checked(EvalSessionConfig c) {
    range("odqa.eval-session.max-sessions", c.maxSessions(), 1, 64);
    range("odqa.eval-session.depth", c.depth(), 1, 1000);
    range("odqa.eval-session.window-cache-mb", c.windowCacheMb(), 1, 65_536);
    range("odqa.eval-session.max-cached-configs", c.maxCachedConfigs(), 1, 10_000);
    if (c.idleTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("odqa.eval-session.idle-timeout must be at least 1s, "
          + "got " + c.idleTimeout());
    }
    return c;
  }

  private static void range(String name, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
  }

  /** Opens a session over {@code r}'s questions; the least recently used goes beyond the cap. */
  public SessionCreated create(SessionRequest r) {
    SessionRequests.check(r);
    CollectionName collection = collectionOf(r.collection());
    searchers.refreshed(collection);
    List<AnalyzedQuestion> analyzed = r.questions().stream()
        .map(q -> analyzer.analyze(q.question())).toList();
    GraphAnswerer sessionGraph = r.graphModelDir() == null ? graph : graphModel(r.graphModelDir());
    // Last: nothing after it can fail, so a loaded model is never left unowned.
    ModelSource model = r.modelDir() == null ? live() : own(r.modelDir());
    WindowCache windows = new WindowCache((long) config.windowCacheMb() << 20);
    EvalSession session = new EvalSession(UUID.randomUUID().toString(), collection,
        r.questions(), model,
        new RetrievalCache(retriever, collection, analyzed, config.depth(),
            config.maxCachedConfigs()),
        windows,
        new GraphCache(sessionGraph, collection, analyzed.size(), config.maxCachedConfigs()),
        new CachedReader(model, scheduler, windows, qa.reader().nBest()));
    for (EvalSession gone : sessions.add(session.id(), session)) {
      LOG.infof("%s closed to make room for %s", gone, session);
    }
    LOG.infof("%s opened", session);
    return new SessionCreated(session.id(), session.size());
  }

  /** Scores each config of {@code r} on session {@code id}. */
  public ScoreResponse score(String id, ScoreRequest r) {
    List<PipelineConfig> parsed = SessionRequests.configs(r, mapper);
    return use(id, s -> s.score(parsed));
  }

  /** Evidence passages of session {@code id} under {@code r}'s config, or the one in force. */
  public EvidenceResponse evidence(String id, EvidenceRequest r) {
    PipelineConfig c = r == null || r.config() == null || r.config().isNull()
        ? configs.current() : SessionRequests.config(r.config(), "config", mapper);
    return use(id, s -> s.evidence(c));
  }

  /** Closes session {@code id}. */
  public void delete(String id) {
    if (!sessions.remove(id)) {
      throw unknown(id);
    }
  }

  static NotFoundException unknown(String id) {
    return new NotFoundException("eval session '" + id + "' does not exist or has expired");
  }

  private <T> T use(String id, Function<EvalSession, T> work) {
    EvalSession s = sessions.acquire(id).orElseThrow(() -> unknown(id));
    try {
      return work.apply(s);
    } finally {
      sessions.release(id);
    }
  }

  private ModelSource live() {
    if ("none".equals(models.version())) {
      throw new WebApplicationException("no reader model is loaded; give modelDir to evaluate "
          + "with a model of the session's own", 409);
    }
    return new ModelSource.Live(models);
  }

  private ModelSource own(String modelDir) {
    Path dir = absolute("modelDir", modelDir);
    try {
      return ModelSource.own(models, dir);
    } catch (IOException | RuntimeException e) {
      throw SessionRequests.bad("modelDir '" + modelDir + "' is not a loadable model directory: "
          + e.getMessage());
    }
  }

  /** The graph stage answering with the model in {@code graphModelDir} instead of the live one. */
  private GraphAnswerer graphModel(String graphModelDir) {
    Path dir = absolute("graphModelDir", graphModelDir);
    if (!(graph instanceof KgqaGraphAnswerer kgqa)) {
      throw SessionRequests.bad("this qa-service's graph stage takes no model");
    }
    try {
      return kgqa.withModel(GraphModels.load(dir));
    } catch (IOException | RuntimeException e) {
      throw SessionRequests.bad("graphModelDir '" + graphModelDir + "' is not a loadable graph "
          + "model directory: " + e.getMessage());
    }
  }

  private static Path absolute(String field, String value) {
    Path dir;
    try {
      dir = Path.of(value);
    } catch (InvalidPathException e) {
      throw SessionRequests.bad(field + " '" + value + "' is not a path: " + e.getMessage());
    }
    if (!dir.isAbsolute()) {
      throw SessionRequests.bad(field + " '" + value + "' must be an absolute path");
    }
    return dir;
  }

  private static CollectionName collectionOf(String collection) {
    try {
      return CollectionName.orDefault(collection);
    } catch (IllegalArgumentException e) {
      throw SessionRequests.bad(e.getMessage());
    }
  }

  @PreDestroy
  void close() {
    sweeper.shutdownNow();
    sessions.closeAll();
  }
}
