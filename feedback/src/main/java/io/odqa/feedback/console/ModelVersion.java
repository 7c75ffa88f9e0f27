package io.odqa.feedback.console;

import java.util.List;
import java.util.Map;

/**
 * One version in the model registry.
 *
 * @param version the version, equal to its directory name
 * @param kind {@code reader} or {@code graph}
 * @param createdAtMillis when it was written, epoch milliseconds
 * @param parent the champion it was trained from, or null
 * @param lineage its ancestors, parent first, following parents through the registry
 * @param base the first ancestor not in the registry (the shipped model it descends from), or
 *     null without a parent
 * @param collection the collection whose feedback trained it, where recorded
 * @param metrics what its training recorded (its metadata without the fields above)
 * @param decision the newest gate or manual decision on it, or null
 * @param active whether qa-service reports it as the champion of its kind
 */
public record ModelVersion(String version, String kind, long createdAtMillis, String parent,
    List<String> lineage, String base, String collection, Map<String, Object> metrics,
    Map<String, Object> decision, boolean active) {

  /** Kind of a reader model. */
  public static final String READER = "reader";
  /** Kind of a graph model. */
  public static final String GRAPH = "graph";

  /** Copies {@code lineage}. */
  public ModelVersion {
    lineage = List.copyOf(lineage);
  }

  /** This version with {@code isActive} and {@code latest}. */
  ModelVersion with(boolean isActive, Map<String, Object> latest) {
    return new ModelVersion(version, kind, createdAtMillis, parent, lineage, base, collection,
        metrics, latest, isActive);
  }
}
