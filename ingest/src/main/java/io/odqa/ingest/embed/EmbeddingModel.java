package io.odqa.ingest.embed;

import io.odqa.ingest.IngestConfig;
import io.odqa.reader.embed.PassageEncoder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Owns the service's passage encoder. It is loaded on first use, not at start-up (a service that
 * only imports triples, or has embedding off, never pays for it), kept for the life of the
 * service and closed on shutdown. A load that fails is not remembered: the next use (a retried
 * job) tries again.
 */
@ApplicationScoped
public class EmbeddingModel {
  private static final Logger LOG = Logger.getLogger(EmbeddingModel.class);

  private final Path dir;
  private final String device;
  private PassageEncoder encoder;
  private boolean closed;

  EmbeddingModel(IngestConfig config) {
    this.dir = config.dataDir().resolve(config.ingest().embed().modelDir()).normalize();
    this.device = config.ingest().embed().device();
  }

  /** The encoder, loaded (and converted into the model directory if absent) on first call. */
  public synchronized PassageEncoder encoder() {
    if (closed) {
      throw new IllegalStateException("the passage encoder is closed: the service is stopping");
    }
    if (encoder == null) {
      long start = System.nanoTime();
      try {
        encoder = PassageEncoder.open(dir, device);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the passage encoder from " + dir, e);
      }
      LOG.infof("passage encoder %s loaded from %s on %s in %d ms", encoder.version(), dir,
          device, (System.nanoTime() - start) / 1_000_000);
    }
    return encoder;
  }

  @PreDestroy
  synchronized void close() {
    closed = true;
    if (encoder != null) {
      encoder.close();
      encoder = null;
    }
  }
}
