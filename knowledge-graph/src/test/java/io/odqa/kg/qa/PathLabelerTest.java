package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathLabelerTest {
  /**
   * Film A is directed and written by Pat; film B is directed by Pat and written by Quinn;
   * film C is directed and written by Ray, with actor Pat.
   */
  static final KbGraph GRAPH = KbGraph.fromTriples(List.of(
      new String[] {"A", "directed_by", "Pat"},
      new String[] {"A", "written_by", "Pat"},
      new String[] {"B", "directed_by", "Pat"},
      new String[] {"B", "written_by", "Quinn"},
      new String[] {"C", "directed_by", "Ray"},
      new String[] {"C", "written_by", "Ray"},
      new String[] {"C", "starred_actors", "Pat"}));

  private final PathLabeler labeler = new PathLabeler(GRAPH, 100);

  @Test
  void keepsAllPathsWithTheBestF1() {
    // "who directed [A]": directed_by and written_by both reach exactly {Pat}.
    PathLabeler.Best best = labeler.best(new PathLabeler.Example("a", Set.of("pat"), 1));
    assertEquals(List.of(RelationPath.parse("directed_by"), RelationPath.parse("written_by")),
        best.paths());
    assertEquals(1.0, best.f1());
    // "what did [Pat] direct": directed_by^-1 gives {A, B}, F1 1; written_by^-1 gives {A}, 2/3.
    best = labeler.best(new PathLabeler.Example("pat", Set.of("a", "b"), 1));
    assertEquals(List.of(RelationPath.parse("directed_by^-1")), best.paths());
  }

  @Test
  void enumeratesLongerPathsExcludingTheTopic() {
    // "films that share a director with [A]": {B}, since A itself is never an answer. Pat
    // also wrote A, so going out through written_by ties.
    PathLabeler.Best best = labeler.best(new PathLabeler.Example("a", Set.of("b"), 2));
    assertEquals(List.of(RelationPath.parse("directed_by>directed_by^-1"),
        RelationPath.parse("written_by>directed_by^-1")), best.paths());
    assertEquals(1.0, best.f1());
    // "directors of films starring the director of [A]": A, Pat, C, Ray; 3 hops.
    best = labeler.best(new PathLabeler.Example("a", Set.of("ray"), 3));
    assertEquals(List.of(RelationPath.parse("directed_by>starred_actors^-1>directed_by"),
        RelationPath.parse("directed_by>starred_actors^-1>written_by"),
        RelationPath.parse("written_by>starred_actors^-1>directed_by"),
        RelationPath.parse("written_by>starred_actors^-1>written_by")), best.paths());
  }

  @Test
  void leavesUnreachableQuestionsUnlabelled() {
    assertEquals(List.of(), labeler.best(new PathLabeler.Example("a", Set.of("ray"), 1)).paths());
    assertEquals(List.of(), labeler.best(new PathLabeler.Example("zed", Set.of("a"), 1)).paths());
    PathLabeler.Labels labels = labeler.label(
        List.of(new PathLabeler.Example("a", Set.of("ray"), 1)));
    assertEquals(0, labels.labelled());
    assertEquals(1, labels.unlabelled());
  }

  @Test
  void resolvesTiesByGlobalFrequencyThenLexicographically() {
    PathLabeler.Example tied = new PathLabeler.Example("a", Set.of("pat"), 1);
    // Alone, the tie goes to the lexicographically smaller path.
    assertEquals(Optional.of(RelationPath.parse("directed_by")),
        labeler.label(List.of(tied)).paths().get(0));
    // "who wrote [B]" makes written_by the unique best once: weight 1 + 1/2 against 1/2.
    PathLabeler.Example wroteB = new PathLabeler.Example("b", Set.of("quinn"), 1);
    PathLabeler.Labels labels = labeler.label(List.of(tied, wroteB));
    assertEquals(Optional.of(RelationPath.parse("written_by")), labels.paths().get(0));
    assertEquals(Map.of(RelationPath.parse("directed_by"), 0.5,
        RelationPath.parse("written_by"), 1.5), labels.frequency());
    // Held-out questions use the training weights.
    assertEquals(Optional.of(RelationPath.parse("written_by")),
        labeler.label(List.of(tied), labels.frequency()).paths().get(0));
  }

  @Test
  void validatesArguments() {
    assertThrows(IllegalArgumentException.class, () -> new PathLabeler(GRAPH, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new PathLabeler.Example("a", Set.of("b"), 4));
  }
}
