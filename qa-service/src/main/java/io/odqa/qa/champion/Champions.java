package io.odqa.qa.champion;

import io.odqa.core.model.Champion;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.model.Promotion;
import io.odqa.qa.config.PipelineConfigs;
import io.odqa.qa.kg.GraphModels;
import io.odqa.qa.read.ReaderModels;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Applies promotions read from the topics and makes rollbacks. A config applies at once (the
 * next request reads it); a model loads and warms on one background thread, and when several
 * model promotions arrive while one loads (a replica catching up on the topic at start) only the
 * latest is loaded. A rollback publishes the previous champion as a new message, so every
 * replica, and this one after a restart, ends on it. A graph model (path classifier and answer
 * ranker, {@link GraphModels}) is a third kind that travels with the reader's on the models
 * topic and loads on the same thread.
 */
@ApplicationScoped
public class Champions {
  private static final Logger LOG = Logger.getLogger(Champions.class);
  /** Promotions remembered per kind, to find the champion before the previous one. */
  private static final int HISTORY = 1_000;

  private final PipelineConfigs configs;
  private final ReaderModels models;
  private final GraphModels graphModels;
  private final PromotionPublisher publisher;
  private final Map<String, Promotion> applied = new HashMap<>();
  private final Map<String, Promotion> seen = new HashMap<>();
  private final AtomicReference<Promotion> pendingModel = new AtomicReference<>();
  private final AtomicReference<Promotion> pendingGraph = new AtomicReference<>();
  private final AtomicInteger swapsInFlight = new AtomicInteger();
  private final ExecutorService swapper = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "odqa-model-swap");
    t.setDaemon(true);
    return t;
  });

  Champions(PipelineConfigs configs, ReaderModels models, GraphModels graphModels,
      PromotionPublisher publisher) {
    this.configs = configs;
    this.models = models;
    this.graphModels = graphModels;
    this.publisher = publisher;
  }

  /** Applies a promotion read from a topic; an unloadable model is logged and skipped. */
  public void apply(Promotion p) {
    remember(p);
    if (Promotion.CONFIG.equals(p.kind())) {
      PipelineConfig next = p.champion().config();
      PipelineConfig old = configs.swap(next);
      record(withPrevious(p, new Champion(old.version(), old, null)));
      LOG.infof("pipeline config %s replaces %s (%s)", next.version(), old.version(), p.reason());
    } else if (Promotion.GRAPH.equals(p.kind())) {
      pendingGraph.set(p);
      swapInBackground(this::swapToLatestGraph);
    } else {
      pendingModel.set(p);
      swapInBackground(this::swapToLatestModel);
    }
  }

  private void swapInBackground(Runnable swap) {
    swapsInFlight.incrementAndGet();
    swapper.submit(() -> {
      try {
        swap.run();
      } finally {
        swapsInFlight.decrementAndGet();
      }
    });
  }

  /** Whether every model promotion applied so far has been loaded (or has failed to load). */
  public boolean settled() {
    return swapsInFlight.get() == 0;
  }

  /**
   * Publishes the champion before the current one of {@code kind} and applies it here.
   *
   * @return {@code {kind, from, to}}
   * @throws ChampionException 409 when there is no previous champion
   */
  public Map<String, String> rollback(String kind) {
    Promotion last;
    synchronized (this) {
      last = applied.get(kind);
    }
    if (last == null || last.previous() == null) {
      throw new ChampionException(409, "no previous " + kind + " champion to roll back to");
    }
    Champion to = last.previous();
    Promotion before;
    synchronized (this) {
      before = seen.get(kind + "/" + to.version());
    }
    Promotion rollback = new Promotion(kind, to.version(), to.config(), to.dir(),
        before == null ? null : before.previous(), "rollback of " + last.version(), Map.of(),
        System.currentTimeMillis());
    publisher.publish(rollback);
    apply(rollback);
    return Map.of("kind", kind, "from", last.version(), "to", to.version());
  }

  /**
   * The champions in force with the ones they replaced: {@code {config: ..., model: ...,
   * graph: ...}}.
   */
  public Map<String, Object> view() {
    Map<String, Object> out = new HashMap<>();
    PipelineConfig config = configs.current();
    out.put("config", entry(config.version(), config, null, Promotion.CONFIG));
    Optional<Path> dir = models.dir();
    out.put("model", entry(models.version(), null, dir.map(Path::toString).orElse(null),
        Promotion.MODEL));
    out.put("graph", entry(graphModels.version(), null, graphModels.current()
        .map(m -> m.dir().toString()).orElse(null), Promotion.GRAPH));
    return out;
  }

  private synchronized Map<String, Object> entry(String version, PipelineConfig config,
      String dir, String kind) {
    Map<String, Object> e = new HashMap<>();
    e.put("version", version);
    if (config != null) {
      e.put("config", config);
    }
    if (dir != null) {
      e.put("dir", dir);
    }
    Promotion last = applied.get(kind);
    if (last != null && last.version().equals(version)) {
      e.put("previous", last.previous() == null ? null : last.previous().version());
      e.put("reason", last.reason());
      e.put("metrics", last.metrics());
      e.put("atMillis", last.atMillis());
    }
    return e;
  }

  private void swapToLatestModel() {
    Promotion p = pendingModel.getAndSet(null);
    if (p == null) {
      return;
    }
    String old = models.version();
    Optional<Path> oldDir = models.dir();
    Champion previous = "none".equals(old) ? null
        : new Champion(old, null, oldDir.map(Path::toString).orElse(null));
    if (p.version().equals(old)) {
      record(withPrevious(p, previous));
      return;
    }
    try {
      models.swap(Path.of(p.dir()));
      record(withPrevious(p, previous));
      LOG.infof("reader model %s in force (%s)", p.version(), p.reason());
    } catch (IOException | RuntimeException e) {
      LOG.errorf("reader model %s from %s not loaded; %s stays: %s", p.version(), p.dir(), old,
          e.getMessage());
    }
  }

  private void swapToLatestGraph() {
    Promotion p = pendingGraph.getAndSet(null);
    if (p == null) {
      return;
    }
    String old = graphModels.version();
    Champion previous = graphModels.current()
        .map(m -> new Champion(m.version(), null, m.dir().toString())).orElse(null);
    if (p.version().equals(old)) {
      record(withPrevious(p, previous));
      return;
    }
    try {
      graphModels.swap(Path.of(p.dir()));
      record(withPrevious(p, previous));
      LOG.infof("graph model %s in force (%s)", p.version(), p.reason());
    } catch (IOException | RuntimeException e) {
      LOG.errorf("graph model %s from %s not loaded; %s stays: %s", p.version(), p.dir(), old,
          e.getMessage());
    }
  }

  /** The promotion with {@code previous} filled in when the message did not name one. */
  private static Promotion withPrevious(Promotion p, Champion previous) {
    if (p.previous() != null || previous == null || previous.version().equals(p.version())) {
      return p;
    }
    return new Promotion(p.kind(), p.version(), p.config(), p.dir(), previous, p.reason(),
        p.metrics(), p.atMillis());
  }

  private synchronized void record(Promotion p) {
    applied.put(p.kind(), p);
    remember(p);
  }

  private synchronized void remember(Promotion p) {
    if (seen.size() >= HISTORY) {
      seen.clear();
    }
    Promotion known = seen.get(p.kind() + "/" + p.version());
    // A rollback's message names a shorter history than the promotion it returns to.
    if (known == null || p.previous() != null) {
      seen.put(p.kind() + "/" + p.version(), p);
    }
  }

  @PreDestroy
  void stop() {
    swapper.shutdownNow();
  }
}
