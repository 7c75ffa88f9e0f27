package io.odqa.qa;

import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.convert.OnnxBertConverter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the tests a real reader: all-MiniLM-L6-v2 converted from the Maven jar (once per build,
 * under {@code target/models}) with an untrained span head. Its spans are not good answers, so
 * tests assert their provenance and offsets, not their text.
 */
public class ReaderModelResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    Path dir;
    try {
      dir = OnnxBertConverter.convertIfAbsent(BaseEncoder.MINILM,
          Path.of("target", "models", "minilm").toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("odqa.reader.model-dir", dir.toString(), "odqa.reader.device", "cpu");
  }

  @Override
  public void stop() {}
}
