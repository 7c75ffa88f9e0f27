package io.odqa.qa.read;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.retrieve.ScoredPassage;
import java.util.List;

/** Extracts answers to a question from retrieved passages. */
public interface Reader {
  /**
   * Answers from {@code passages} (best first, as retrieved), best first.
   *
   * @throws ReaderUnavailableException when no model is loaded
   */
  List<TextAnswer> read(String question, List<ScoredPassage> passages, PipelineConfig config);

  /** Version of the model that {@link #read} uses now, or {@code none}. */
  String modelVersion();
}
