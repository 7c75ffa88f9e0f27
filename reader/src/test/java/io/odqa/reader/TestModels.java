package io.odqa.reader;

import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.convert.OnnxBertConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Base model directories converted once per build under {@code target/models}. */
public final class TestModels {
  private TestModels() {}

  /** all-MiniLM-L6-v2 with a freshly initialised span head. */
  public static Path minilm() {
    try {
      return OnnxBertConverter.convertIfAbsent(BaseEncoder.MINILM, Path.of("target", "models", "minilm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
