package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerRankerTest {
  private static List<String> keys(AnswerRanker ranker, KbGraph graph, String topic,
      String path) {
    RelationPath p = RelationPath.parse(path);
    return ranker.rank(p.length(), AnswerEvidence.of(graph, topic, p)).stream()
        .map(AnswerRanker.Ranked::key).toList();
  }

  @Test
  void supportOnlyRanksAsFollowWithSupportOnEveryPath() {
    KbGraph graph = KbGraphTest.graph();
    for (String r1 : graph.relations()) {
      for (String r2 : graph.relations()) {
        for (String path : List.of(r1, r1 + "^-1>" + r2, r1 + ">" + r2 + "^-1>" + r2)) {
          for (String topic : List.of("alpha", "dee rector", "ann actor", "bob actor")) {
            assertEquals(List.copyOf(graph.followWithSupport(topic, RelationPath.parse(path))
                .keySet()), keys(AnswerRanker.supportOnly(), graph, topic, path),
                topic + " " + path);
          }
        }
      }
    }
  }

  @Test
  void aTagWeightPutsTheTaggedVersionFirst() {
    KbGraph graph = KbGraph.fromTriples(AnswerEvidenceTest.REMAKE);
    assertEquals(List.of("bette davis", "hugh jackman"),
        keys(AnswerRanker.supportOnly(), graph, "deception", "starred_actors"));
    double[][] w = {{0, 0, 1, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}};
    assertEquals(List.of("hugh jackman", "bette davis"),
        keys(new AnswerRanker(w), graph, "deception", "starred_actors"));
    // A negative degree weight alone prefers the less connected Davis again.
    double[][] small = {{0, 0, 0, -1}, {1, 0, 0, 0}, {1, 0, 0, 0}};
    assertEquals(List.of("bette davis", "hugh jackman"),
        keys(new AnswerRanker(small), graph, "deception", "starred_actors"));
  }

  @Test
  void scoreIsTheWeightedSumOfLogCounts() {
    AnswerRanker r = new AnswerRanker(new double[][] {{1, 2, 3, 4}, {0, 0, 0, 0},
        {-1, 0, 0, 0.5}});
    AnswerRanker.Features f = new AnswerRanker.Features(3, 1, 0, 7);
    assertEquals(Math.log(4) + 2 * Math.log(2) + 4 * Math.log(8), r.score(1, f), 1e-12);
    assertEquals(0, r.score(2, f));
    assertEquals(-Math.log(4) + 0.5 * Math.log(8), r.score(3, f), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> r.score(4, f));
  }

  @Test
  void rejectsBadWeightsAndFeaturesByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AnswerRanker(new double[][] {{1, 0, 0, Double.NaN}, {1, 0, 0, 0},
            {1, 0, 0, 0}}));
    assertTrue(e.getMessage().contains("finite") && e.getMessage().contains("1-hop"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new AnswerRanker(new double[][] {{1, 0, 0, 0}, {1, 0, 0, 0}}));
    assertThrows(IllegalArgumentException.class,
        () -> new AnswerRanker(new double[][] {{1, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}}));
    assertThrows(IllegalArgumentException.class, () -> new AnswerRanker.Features(0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new AnswerRanker.Features(1, 2, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new AnswerRanker.Features(1, 0, 0, -1));
  }

  @Test
  void savedWeightsLoadExactly(@TempDir Path dir) throws Exception {
    double[][] w = {{0.1, -2.5e-9, 3, 1e300}, {1, 0, 0, 0}, {-0.3, 0.7, 0.25, 1.0 / 3}};
    Path file = dir.resolve(AnswerRanker.FILE_NAME);
    new AnswerRanker(w).save(file, Map.of("note", "test"));
    AnswerRanker loaded = AnswerRanker.load(file);
    for (int h = 1; h <= 3; h++) {
      assertArrayEquals(w[h - 1], loaded.weights(h));
    }
    Files.writeString(file, "{\"format\": \"odqa-answer-ranker/1\", \"weights\": {}}");
    assertThrows(java.io.IOException.class, () -> AnswerRanker.load(file));
    Files.writeString(file, "{\"format\": \"other\"}");
    assertThrows(java.io.IOException.class, () -> AnswerRanker.load(file));
  }
}
