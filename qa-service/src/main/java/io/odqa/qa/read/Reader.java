package io.odqa.qa.read;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.retrieve.ScoredPassage;
import java.util.List;

/** Extracts answers to a question from retrieved passages. */
public interface Reader {
  /**
   * Answers from {@code passages} (best first, as retrieved), best first, with what reading
   * them cost.
   *
   * @throws ReaderUnavailableException when no model is loaded
   */
  Reading read(String question, List<ScoredPassage> passages, PipelineConfig config);

  /**
   * Fails fast, before any retrieval work, when the reader could not take one more request now.
   * A hint, not a reservation: {@link #read} still admits or refuses the request itself.
   *
   * @throws ReaderBusyException when the reader's queue is full
   */
  default void checkCapacity() {}

  /** Version of the model that {@link #read} uses now, or {@code none}. */
  String modelVersion();
}
