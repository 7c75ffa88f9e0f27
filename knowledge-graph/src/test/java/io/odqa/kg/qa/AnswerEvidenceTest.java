package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AnswerEvidenceTest {
  /**
   * Two films merged under one title, as in MetaQA: Deception has the casts of 1946 (Bette
   * Davis) and 2008 (Hugh Jackman), and a tag naming the 2008 star, whose key is his node's.
   */
  static final List<String[]> REMAKE = List.of(
      new String[] {"Deception", "starred_actors", "Bette Davis"},
      new String[] {"Deception", "starred_actors", "Hugh Jackman"},
      new String[] {"Deception", "has_tags", "hugh jackman"},
      new String[] {"Now, Voyager", "starred_actors", "Bette Davis"},
      new String[] {"Now, Voyager", "starred_actors", "Claude Rains"},
      new String[] {"Swordfish", "starred_actors", "Hugh Jackman"},
      new String[] {"Swordfish", "starred_actors", "Halle Berry"},
      new String[] {"Swordfish", "has_tags", "hugh jackman"});

  /** key -> [walks, viaTopicTag, lastTagged, degree]. */
  private static Map<String, List<Long>> evidence(List<String[]> triples, String topic,
      String path) {
    Map<String, List<Long>> out = new TreeMap<>();
    for (AnswerEvidence.Candidate c : AnswerEvidence.of(KbGraph.fromTriples(triples), topic,
        RelationPath.parse(path))) {
      AnswerRanker.Features f = c.features();
      out.put(c.key(), List.of(f.walks(), f.viaTopicTag(), f.lastTagged(), f.degree()));
    }
    return out;
  }

  @Test
  void oneHopTagsOfTheTopicNameTheTaggedVersionsPeople() {
    assertEquals(Map.of(
        "bette davis", List.of(1L, 0L, 0L, 2L),
        "hugh jackman", List.of(1L, 1L, 1L, 4L)),
        evidence(REMAKE, "deception", "starred_actors"));
  }

  @Test
  void walksThroughATopicTagAndLastHopTagsAreCountedPerWalk() {
    assertEquals(Map.of(
        "now voyager", List.of(1L, 0L, 0L, 2L),
        "swordfish", List.of(1L, 1L, 0L, 3L)),
        evidence(REMAKE, "deception", "starred_actors>starred_actors^-1"));
    // Through Jackman (a tag of the topic): Jackman and Berry; Swordfish is tagged with
    // Jackman, so the walk ending at him leaves a node that tags him.
    assertEquals(Map.of(
        "bette davis", List.of(1L, 0L, 0L, 2L),
        "claude rains", List.of(1L, 0L, 0L, 1L),
        "halle berry", List.of(1L, 1L, 0L, 1L),
        "hugh jackman", List.of(1L, 1L, 1L, 4L)),
        evidence(REMAKE, "deception", "starred_actors>starred_actors^-1>starred_actors"));
  }

  @Test
  void walksEqualTheSupportOfFollowOnEveryPath() {
    KbGraph graph = KbGraphTest.graph();
    List<String> relations = graph.relations();
    for (String topic : List.of("alpha", "beta", "gamma", "dee rector", "ann actor", "2001")) {
      for (String r1 : relations) {
        for (String r2 : relations) {
          for (String path : List.of(r1 + "^-1>" + r2, r1 + ">" + r2 + "^-1", r1 + "^-1>" + r2
              + ">" + r1 + "^-1", r1 + ">" + r2 + "^-1>" + r2)) {
            RelationPath p = RelationPath.parse(path);
            Map<String, Long> walks = new TreeMap<>();
            AnswerEvidence.of(graph, topic, p).forEach(c -> walks.put(c.key(),
                c.features().walks()));
            Map<String, Long> support = new TreeMap<>();
            graph.followWithSupport(topic, p).forEach((k, v) -> support.put(k, (long) v));
            assertEquals(support, walks, topic + " " + path);
          }
        }
      }
    }
  }

  @Test
  void unknownTopicOrRelationReachesNothing() {
    assertEquals(Map.of(), evidence(REMAKE, "nobody", "starred_actors"));
    assertEquals(Map.of(), evidence(REMAKE, "deception", "directed_by"));
  }
}
