package io.odqa.qa.read;

import io.odqa.qa.QaConfig;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.SpanReader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Owns the reader model: loads the configured directory at start-up and replaces it atomically
 * ({@link #swap}). Readers run under a read lock, so a swap waits for in-flight reads before it
 * closes the old model's native memory, and no request ever sees a half-loaded model.
 */
@Startup
@ApplicationScoped
public class ReaderModels {
  private static final Logger LOG = Logger.getLogger(ReaderModels.class);

  private final String device;
  private final boolean warmup;
  private final int warmupRows;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private ReaderModel current;

  ReaderModels(QaConfig config) {
    this.device = config.reader().device();
    this.warmup = config.reader().warmup();
    this.warmupRows = config.reader().batchSize();
    Optional<Path> dir = config.reader().modelDir();
    if (dir.isEmpty()) {
      LOG.warn("no reader model configured (odqa.reader.model-dir); answers are whole passages");
      return;
    }
    try {
      current = ReaderModel.load(dir.get(), device);
      LOG.infof("reader model %s loaded from %s on %s", current.version(), dir.get(),
          current.device());
    } catch (IOException | RuntimeException e) {
      LOG.errorf("reader model at %s not loaded: %s; answers are whole passages", dir.get(),
          e.getMessage());
    }
  }

  /** Runs {@code work} with the current model; throws when none is loaded. */
  public <T> T withModel(Function<ReaderModel, T> work) {
    lock.readLock().lock();
    try {
      if (current == null) {
        throw new ReaderUnavailableException("no reader model is loaded");
      }
      return work.apply(current);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Version of the loaded model, or {@code none}. */
  public String version() {
    lock.readLock().lock();
    try {
      return current == null ? "none" : current.version();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Loads {@code dir}, warms it up on the calling thread, and makes it the model in force; the
   * old one is closed once the requests reading with it are done (the write lock waits for
   * them). On failure the model in force stays and the error propagates.
   *
   * @return the version of the model replaced, or {@code none}
   */
  public String swap(Path dir) throws IOException {
    ReaderModel next = ReaderModel.load(dir, device);
    if (warmup) {
      try {
        Warmup.run(next, warmupRows, SpanReader::logits);
      } catch (RuntimeException e) {
        next.close();
        throw e;
      }
    }
    lock.writeLock().lock();
    try {
      ReaderModel old = current;
      current = next;
      if (old != null) {
        old.close();
      }
      LOG.infof("reader model %s replaces %s", next.version(), old == null ? "none" : old.version());
      return old == null ? "none" : old.version();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @PreDestroy
  void close() {
    lock.writeLock().lock();
    try {
      if (current != null) {
        current.close();
        current = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
