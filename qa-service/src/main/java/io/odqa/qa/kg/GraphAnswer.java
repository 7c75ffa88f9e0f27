package io.odqa.qa.kg;

import java.util.List;

/**
 * An answer from the knowledge graph.
 *
 * @param text the answer entity's name
 * @param confidence in [0, 1], weighed against text answers by fusion
 * @param entityId uid of the answer entity
 * @param path the relation path from the question's topic entity, e.g. {@code
 *     ["Kismet", "directed_by", "William Dieterle"]}
 */
public record GraphAnswer(String text, double confidence, String entityId, List<String> path) {
  public GraphAnswer {
    path = List.copyOf(path);
  }
}
