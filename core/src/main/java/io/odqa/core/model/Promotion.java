package io.odqa.core.model;

import java.util.Map;

/**
 * A message on the config or models topic: a champion taking over, with the one it replaces so
 * that a rollback needs nothing else. Keyed on the topic by {@code version}, so compaction keeps
 * one message per version, the latest.
 *
 * @param kind {@code config} or {@code model}
 * @param version the new champion's version
 * @param config the new config (kind {@code config})
 * @param dir the new model's directory (kind {@code model})
 * @param previous the champion it replaces, or null when unknown
 * @param reason why: {@code promoted ...} or {@code rollback of ...}
 * @param metrics the numbers behind the decision, if any
 * @param atMillis when it was published, epoch milliseconds
 */
public record Promotion(String kind, String version, PipelineConfig config, String dir,
    Champion previous, String reason, Map<String, Object> metrics, long atMillis) {
  /** Kind of a pipeline-config promotion. */
  public static final String CONFIG = "config";
  /** Kind of a reader-model promotion. */
  public static final String MODEL = "model";

  public Promotion {
    if (!CONFIG.equals(kind) && !MODEL.equals(kind)) {
      throw new IllegalArgumentException("kind must be config or model, got " + kind);
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version must be a non-blank string");
    }
    if (CONFIG.equals(kind) && config == null) {
      throw new IllegalArgumentException("a config promotion must carry its config");
    }
    if (MODEL.equals(kind) && (dir == null || dir.isBlank())) {
      throw new IllegalArgumentException("a model promotion must carry its directory");
    }
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** The champion this message installs; a config carries this message's version. */
  public Champion champion() {
    return new Champion(version, config == null ? null : config.withVersion(version), dir);
  }
}
