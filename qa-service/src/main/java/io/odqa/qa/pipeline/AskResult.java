package io.odqa.qa.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline returns for one question.
 *
 * @param answers answers, best first
 * @param passages the retrieved passages, best first, so that a wrong answer can be traced to
 *     retrieval or to the reader
 * @param timings milliseconds spent in each stage, in pipeline order, plus {@code total}
 * @param configVersion version of the pipeline config that produced the answers
 * @param modelVersion version of the reader model, or {@code none} when none is loaded
 * @param graphModelVersion version of the graph stage's model (path classifier and answer
 *     ranker), or {@code none}
 * @param degraded stages that could not run ({@code reader}, {@code kg}); absent when all ran
 * @param reading what the reader read: the first {@code passagesRead} of {@code passages}, in
 *     how many rounds, windows and forward passes; absent when the reader did not run
 */
public record AskResult(List<Answer> answers, List<RetrievedPassage> passages,
    Map<String, Double> timings, String configVersion, String modelVersion, String graphModelVersion,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> degraded,
    @JsonInclude(JsonInclude.Include.NON_NULL) ReadStats reading) {

  /**
   * The reader stage's cost for one question.
   *
   * @param passagesRead the first this many retrieved passages were read
   * @param rounds cascade rounds (1, or 2 when the first was not confident enough)
   * @param windows model input windows
   * @param passes forward-pass batches submitted
   */
  public record ReadStats(int passagesRead, int rounds, int windows, int passes) {}
}
