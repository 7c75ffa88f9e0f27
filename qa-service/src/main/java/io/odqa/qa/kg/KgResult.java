package io.odqa.qa.kg;

import io.odqa.kg.qa.LinkedEntity;
import java.util.List;

/**
 * What the graph stage did for one question, stage by stage, so that a wrong graph answer can be
 * traced to linking or to the relation path.
 *
 * @param entity the linked topic entity, or null when none was found
 * @param masked the question with the mention masked, as the path classifier saw it
 * @param paths the relation paths considered, most probable first
 * @param executed the path whose answers are returned, or null
 * @param answers the graph answers, best first
 */
public record KgResult(LinkedEntity entity, String masked, List<ScoredPath> paths,
    String executed, List<GraphAnswer> answers) {
  /** A relation path with the classifier's probability. */
  public record ScoredPath(String path, double probability) {}

  static KgResult empty(LinkedEntity entity, String masked) {
    return new KgResult(entity, masked, List.of(), null, List.of());
  }
}
