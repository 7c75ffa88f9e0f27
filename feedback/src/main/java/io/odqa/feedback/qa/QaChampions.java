package io.odqa.feedback.qa;

import io.odqa.core.model.PipelineConfig;

/**
 * The champions qa-service has in force.
 *
 * @param config the pipeline config (its version is the {@code configVersion} answers report)
 * @param modelVersion the reader model's version, or {@code none}
 * @param modelDir the reader model's directory, or null without a model
 * @param graphVersion the graph model's version, or {@code none}
 * @param graphDir the graph model's directory, or null without one
 */
public record QaChampions(PipelineConfig config, String modelVersion, String modelDir,
    String graphVersion, String graphDir) {}
