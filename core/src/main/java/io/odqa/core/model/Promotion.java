package io.odqa.core.model;

import java.util.Map;

/**
 * A message on the config or models topic: a champion taking over, with the one it replaces so
 * that a rollback needs nothing else. Keyed on the topic by {@code version}, so compaction keeps
 * one message per version, the latest.
 *
 * @param kind {@code config}, {@code model} (the reader) or {@code graph} (the graph stage's
 *     path classifier and answer ranker)
 * @param version the new champion's version
 * @param config the new config (kind {@code config})
 * @param dir the new model's directory (kinds {@code model} and {@code graph})
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
  /** Kind of a graph-model promotion; it travels on the models topic beside the reader's. */
  public static final String GRAPH = "graph";

  public Promotion {
    if (!CONFIG.equals(kind) && !MODEL.equals(kind) && !GRAPH.equals(kind)) {
      throw new IllegalArgumentException("kind must be config, model or graph, got " + kind);
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version must be a non-blank string");
    }
    if (CONFIG.equals(kind) && config == null) {
      throw new IllegalArgumentException("a config promotion must carry its config");
    }
    if (!CONFIG.equals(kind) && (dir == null || dir.isBlank())) {
      throw new IllegalArgumentException("a " + kind + " promotion must carry its directory");
    }
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /**
   * The message's key on its topic, which compaction keeps one message of: the version, with
   * {@code graph/} before a graph model's so that it never collides with a reader's on the
   * models topic they share.
   */
  public String key() {
    return GRAPH.equals(kind) ? GRAPH + "/" + version : version;
  }

  /** The champion this message installs; a config carries this message's version. */
  public Champion champion() {
    return new Champion(version, config == null ? null : config.withVersion(version), dir);
  }
}
