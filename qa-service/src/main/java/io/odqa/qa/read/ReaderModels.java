package io.odqa.qa.read;

import io.odqa.qa.QaConfig;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.model.ServingEngine;
import io.odqa.reader.read.SpanReader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Owns the reader model: loads the configured directory at start-up and replaces it atomically
 * ({@link #swap}). Each read holds a reference to the model it started with; a swap makes the
 * new model current at once, without waiting, and the old one's native memory is freed when its
 * last reader lets go. So a request never sees two models, and a swap never pauses answering.
 * Every model it loads runs on the engine of {@code odqa.reader.engine}, resolved against the
 * device at the first load ({@link ServingEngine#resolve}).
 */
@Startup
@ApplicationScoped
public class ReaderModels {
  private static final Logger LOG = Logger.getLogger(ReaderModels.class);

  private final String device;
  private final String engineSpec;
  private ServingEngine engine;
  private final boolean warmup;
  private final int warmupRows;
  private Handle current;
  private Path currentDir;

  ReaderModels(QaConfig config) {
    this.device = config.reader().device();
    this.engineSpec = config.reader().engine();
    this.warmup = config.reader().warmup();
    this.warmupRows = config.reader().batchSize();
    Optional<Path> dir = config.reader().modelDir();
    if (dir.isEmpty()) {
      LOG.warn("no reader model configured (odqa.reader.model-dir); answers are whole passages");
      return;
    }
    try {
      current = new Handle(load(dir.get()));
      currentDir = dir.get().toAbsolutePath().normalize();
      LOG.infof("reader model %s loaded from %s on %s, served by %s (odqa.reader.engine=%s)",
          current.model.version(), dir.get(), current.model.device(), current.model.engine().id(),
          engineSpec);
    } catch (IOException | RuntimeException e) {
      LOG.errorf("reader model at %s not loaded: %s; answers are whole passages", dir.get(),
          e.getMessage());
    }
  }

  /**
   * Loads {@code dir} on the configured device and engine, as the served model is loaded; the
   * caller owns it. Evaluation sessions load their own models this way.
   */
  public ReaderModel load(Path dir) throws IOException {
    return ReaderModel.load(dir, device, engine());
  }

  /**
   * The engine that serves every model loaded here; resolved on first use, so a service without
   * a reader model never starts an engine.
   */
  public synchronized ServingEngine engine() {
    if (engine == null) {
      engine = ServingEngine.resolve(engineSpec, device);
    }
    return engine;
  }

  /**
   * Runs {@code work} with the current model, which stays open until {@code work} returns even
   * if a swap replaces it meanwhile; throws when no model is loaded.
   */
  public <T> T withModel(Function<ReaderModel, T> work) {
    Handle handle = acquire();
    try {
      return work.apply(handle.model);
    } finally {
      release(handle);
    }
  }

  /** Version of the current model, or {@code none}. */
  public synchronized String version() {
    return current == null ? "none" : current.model.version();
  }

  /** Directory of the current model, if one is loaded. */
  public synchronized Optional<Path> dir() {
    return current == null ? Optional.empty() : Optional.of(currentDir);
  }

  /**
   * Loads {@code dir}, warms it up on the calling thread, and makes it the current model; the
   * old one is closed once the reads that hold it are done. On failure the current model stays
   * and the error propagates.
   *
   * @return the version of the model replaced, or {@code none}
   */
  public String swap(Path dir) throws IOException {
    ReaderModel next = load(dir);
    if (warmup) {
      try {
        Warmup.run(next, warmupRows, SpanReader::logits);
      } catch (RuntimeException e) {
        next.close();
        throw e;
      }
    }
    Handle old;
    synchronized (this) {
      old = current;
      current = new Handle(next);
      currentDir = dir.toAbsolutePath().normalize();
      if (old != null) {
        old.retired = true;
        closeIfUnused(old);
      }
    }
    String replaced = old == null ? "none" : old.model.version();
    LOG.infof("reader model %s replaces %s, served by %s", next.version(), replaced,
        next.engine().id());
    return replaced;
  }

  private synchronized Handle acquire() {
    if (current == null) {
      throw new ReaderUnavailableException("no reader model is loaded");
    }
    current.readers++;
    return current;
  }

  private synchronized void release(Handle handle) {
    handle.readers--;
    closeIfUnused(handle);
  }

  private static void closeIfUnused(Handle handle) {
    if (handle.retired && handle.readers == 0) {
      handle.model.close();
    }
  }

  @PreDestroy
  synchronized void close() {
    if (current != null) {
      current.retired = true;
      closeIfUnused(current);
      current = null;
    }
  }

  /** A loaded model with the number of reads holding it; guarded by the owner's lock. */
  private static final class Handle {
    final ReaderModel model;
    int readers;
    boolean retired;

    Handle(ReaderModel model) {
      this.model = model;
    }
  }
}
