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
 */
public record AskResult(List<Answer> answers, List<RetrievedPassage> passages,
    Map<String, Double> timings, String configVersion, String modelVersion, String graphModelVersion,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> degraded) {}
