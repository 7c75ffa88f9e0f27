package io.odqa.core.model;


/**
 * One champion: a pipeline config, or a reader or graph model directory.
 *
 * @param version the version answers report ({@code configVersion} or {@code modelVersion})
 * @param config the config, for kind {@code config}
 * @param dir the model directory, for kind {@code model}
 */
public record Champion(String version, PipelineConfig config, String dir) {
  public Champion {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("champion version must be a non-blank string");
    }
  }
}
