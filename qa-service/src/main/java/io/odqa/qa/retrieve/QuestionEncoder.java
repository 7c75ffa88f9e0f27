package io.odqa.qa.retrieve;

import io.odqa.qa.QaConfig;
import io.odqa.reader.embed.PassageEncoder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Owns the dense retriever's question encoder: bge-small, the model the ingest service embeds
 * passages with ({@code odqa.dense.model-dir}, converted from the Maven-shipped ONNX on first
 * use). Loaded on the first question that needs it; when it cannot load, dense retrieval is
 * skipped: questions are answered by BM25 alone, and the failure is logged once.
 */
@ApplicationScoped
public class QuestionEncoder {
  private static final Logger LOG = Logger.getLogger(QuestionEncoder.class);

  private final Path dir;
  private final String device;
  private volatile PassageEncoder encoder;
  private volatile boolean failed;

  QuestionEncoder(QaConfig config) {
    this.dir = config.dense().modelDir()
        .orElse(config.dataDir().resolve("models").resolve("bge-small"));
    this.device = config.dense().device();
  }

  /** The unit vector of {@code question}, or empty when the encoder is unavailable. */
  public Optional<float[]> encode(String question) {
    PassageEncoder e = encoder();
    return e == null ? Optional.empty() : Optional.of(e.embedQuery(question));
  }

  private PassageEncoder encoder() {
    PassageEncoder e = encoder;
    if (e != null || failed) {
      return e;
    }
    synchronized (this) {
      if (encoder == null && !failed) {
        try {
          long start = System.nanoTime();
          encoder = PassageEncoder.open(dir, device);
          LOG.infof("question encoder %s loaded from %s in %d ms", encoder.version(), dir,
              (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException ex) {
          failed = true;
          LOG.errorf(ex, "question encoder in %s failed to load: dense retrieval is off", dir);
        }
      }
      return encoder;
    }
  }

  @PreDestroy
  void close() {
    if (encoder != null) {
      encoder.close();
    }
  }
}
