package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbGraphTest {
  /** Two films by one director, sharing an actor; Alpha has a duplicated row. */
  static final List<String[]> TRIPLES = List.of(
      new String[] {"Alpha", "directed_by", "Dee Rector"},
      new String[] {"Alpha", "starred_actors", "Ann Actor"},
      new String[] {"Alpha", "starred_actors", "Bob Actor"},
      new String[] {"Alpha", "release_year", "1999"},
      new String[] {"Alpha", "release_year", "1999"},
      new String[] {"Beta", "directed_by", "Dee Rector"},
      new String[] {"Beta", "starred_actors", "Ann Actor"},
      new String[] {"Beta", "release_year", "2001"},
      new String[] {"Gamma", "directed_by", "Other Person"},
      new String[] {"Gamma", "starred_actors", "Bob Actor"},
      new String[] {"Gamma", "release_year", "2001"});

  static KbGraph graph() {
    return KbGraph.fromTriples(TRIPLES);
  }

  private static Set<String> follow(String start, String path) {
    return graph().follow(start, RelationPath.parse(path));
  }

  @Test
  void followsOneHopBothWays() {
    assertEquals(Set.of("ann actor", "bob actor"), follow("alpha", "starred_actors"));
    assertEquals(Set.of("alpha", "beta"), follow("ann actor", "starred_actors^-1"));
    assertEquals(Set.of("1999"), follow("alpha", "release_year"));
  }

  @Test
  void followsTwoAndThreeHopsWithoutReturningToTheTopic() {
    // Films sharing a director with Alpha: Beta, not Alpha itself.
    assertEquals(Set.of("beta"), follow("alpha", "directed_by>directed_by^-1"));
    // Years of the films of Alpha's actors other than Alpha: not 1999 through Alpha.
    assertEquals(Set.of("2001"), follow("alpha", "starred_actors>starred_actors^-1>release_year"));
    // Actors of Dee's other film Alpha: Ann is also in Beta, but is reached through Alpha.
    assertEquals(Set.of("ann actor", "bob actor"),
        follow("beta", "directed_by>directed_by^-1>starred_actors"));
    // Only the topic is excluded: Bob, the intermediate actor, is reached again via Alpha.
    assertEquals(Set.of("ann actor", "bob actor"),
        follow("gamma", "starred_actors>starred_actors^-1>starred_actors"));
    assertEquals(Set.of("alpha", "beta", "gamma"),
        follow("bob actor", "starred_actors^-1>directed_by>directed_by^-1"));
    assertEquals(Set.of("1999", "2001"), follow("ann actor", "starred_actors^-1>release_year"));
    assertEquals(Set.of(), follow("nobody", "directed_by"));
    assertEquals(Set.of(), follow("alpha", "written_by"));
  }

  @Test
  void countsDistinctWalksAndOrdersBySupportThenKey() {
    KbGraph graph = graph();
    Map<String, Integer> actors = graph.followWithSupport("dee rector",
        RelationPath.parse("directed_by^-1>starred_actors"));
    assertEquals(List.of("ann actor", "bob actor"), List.copyOf(actors.keySet()));
    assertEquals(Map.of("ann actor", 2, "bob actor", 1), actors);
    // Dee-Alpha-Ann-{Alpha, Beta}, Dee-Alpha-Bob-{Alpha, Gamma}, Dee-Beta-Ann-{Alpha, Beta}.
    Map<String, Integer> films = graph.followWithSupport("dee rector",
        RelationPath.parse("directed_by^-1>starred_actors>starred_actors^-1"));
    assertEquals(List.of("alpha", "beta", "gamma"), List.copyOf(films.keySet()));
    assertEquals(Map.of("alpha", 3, "beta", 2, "gamma", 1), films);
    // Equal support: ordered by key.
    assertEquals(List.of("1999", "2001"), List.copyOf(graph.followWithSupport("dee rector",
        RelationPath.parse("directed_by^-1>release_year")).keySet()));
  }

  @Test
  void keysNodesByEntityKeyAndKeepsTheFirstName(@TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.txt");
    Files.writeString(kb, "The Film|directed_by|Jo Smith\nthe film!|written_by|JO SMITH\nbad\n");
    KbGraph graph = KbGraph.read(kb);
    assertEquals(2, graph.nodeCount());
    assertEquals(2, graph.edgeCount());
    assertEquals(1, graph.skippedRows());
    assertEquals(Optional.of("The Film"), graph.displayName("the film"));
    assertEquals(Optional.of("Jo Smith"), graph.displayName("jo smith"));
    assertEquals(List.of("directed_by", "written_by"), graph.relations());
    assertTrue(graph.contains("jo smith"));
    assertEquals(10, graph().edgeCount()); // the duplicated row is stored once
  }
}
