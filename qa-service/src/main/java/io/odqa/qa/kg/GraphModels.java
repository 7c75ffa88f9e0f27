package io.odqa.qa.kg;

import io.odqa.kg.qa.GraphModel;
import io.odqa.qa.QaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Owns the graph stage's model ({@link GraphModel}: path classifier and answer ranker): loads
 * {@code odqa.kgqa.model} at start-up and replaces it atomically ({@link #swap}). A request reads
 * the reference once and uses that model to the end, so it never mixes two. Unlike the reader's
 * models these are plain Java objects with no native memory, so the old one needs no reference
 * count: the garbage collector frees it after its last request.
 */
@ApplicationScoped
public class GraphModels {
  private static final Logger LOG = Logger.getLogger(GraphModels.class);

  private final AtomicReference<GraphModel> current = new AtomicReference<>();

  GraphModels(QaConfig config) {
    Optional<Path> configured = config.kgqa().model();
    if (configured.isEmpty()) {
      LOG.warn("no relation-path classifier (odqa.kgqa.model); the graph gives no answers");
      return;
    }
    try {
      GraphModel m = GraphModel.load(configured.get());
      current.set(m);
      LOG.infof("graph model %s loaded from %s", m.version(), m.dir());
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      LOG.errorf("graph model at %s not loaded: %s", configured.get(), e.getMessage());
    }
  }

  /** The model in force, if any. */
  public Optional<GraphModel> current() {
    return Optional.ofNullable(current.get());
  }

  /** Version of the model in force, or {@code none}. */
  public String version() {
    GraphModel m = current.get();
    return m == null ? "none" : m.version();
  }

  /**
   * Loads the model in {@code dir} and puts it in force.
   *
   * @return the version it replaced, or {@code none}
   * @throws IOException when it cannot be loaded; the model in force stays
   */
  public String swap(Path dir) throws IOException {
    GraphModel next;
    try {
      next = GraphModel.load(dir);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    GraphModel old = current.getAndSet(next);
    String replaced = old == null ? "none" : old.version();
    LOG.infof("graph model %s replaces %s", next.version(), replaced);
    return replaced;
  }

  /** Loads a model that is not put in force (an evaluation session's candidate). */
  public static GraphModel load(Path dir) throws IOException {
    try {
      return GraphModel.load(dir);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
