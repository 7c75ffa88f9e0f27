package io.odqa.qa.tune;

import io.odqa.qa.read.ReaderModels;
import io.odqa.reader.model.ReaderModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a session's reader model comes from: the live one, which may be swapped at any time
 * (so every use goes through {@link ReaderModels#withModel} and logits are keyed by its
 * version), or one the session loaded and closes when it ends.
 */
sealed interface ModelSource extends AutoCloseable {
  /** Runs {@code work} with the model, which stays loaded while it runs. */
  <T> T withModel(Function<ReaderModel, T> work);

  @Override
  void close();

  /** The service's live model. */
  record Live(ReaderModels models) implements ModelSource {
    @Override
    public <T> T withModel(Function<ReaderModel, T> work) {
      return models.withModel(work);
    }

    @Override
    public void close() {}
  }

  /**
   * A session's own model from {@code dir}, loaded on the device and engine that serve the live
   * model, so that its scores compare with the live model's.
   */
  static Own own(ReaderModels models, Path dir) throws IOException {
    return new Own(models.load(dir));
  }

  /** A model of the session's own; closed with the session. */
  record Own(ReaderModel model) implements ModelSource {
    @Override
    public <T> T withModel(Function<ReaderModel, T> work) {
      return work.apply(model);
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
