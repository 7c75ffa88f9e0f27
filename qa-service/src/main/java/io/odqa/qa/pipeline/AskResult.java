package io.odqa.qa.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What the pipeline returns for one question.
 *
 * @param answers answers, best first
 * @param timings milliseconds spent in each stage, in pipeline order, plus {@code total}
 * @param configVersion version of the pipeline config that produced the answers
 * @param modelVersion version of the reader model, or {@code none} before a reader is loaded
 */
public record AskResult(List<Answer> answers, Map<String, Double> timings, String configVersion,
    String modelVersion) {}
