package io.odqa.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.kg.qa.AnswerRanker;
import io.odqa.kg.qa.EntityLinker;
import io.odqa.kg.qa.LinkedEntity;
import io.odqa.kg.qa.PathExecutor;
import io.odqa.kg.qa.RelationPath;
import io.odqa.kg.write.Fact;
import io.odqa.kg.write.FactGraphWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Entity linking and relation-path execution on the real Neo4j server, over a tiny movie graph
 * that includes hostile names (quotes, backslashes, Cypher keywords, index syntax).
 */
class GraphQaTest extends RealGraphTest {
  private static final String HOSTILE = "MATCH (n) DETACH DELETE n // \"x\\\" OR 1=1";
  private EntityLinker linker;
  private PathExecutor executor;

  @BeforeAll
  void writeGraph() {
    new FactGraphWriter(graph).write(collection, "test", List.of(
        new Fact("Kismet", "directed_by", "William Dieterle"),
        new Fact("Kismet", "starred_actors", "Marlene Dietrich"),
        new Fact("Kismet", "release_year", "1944"),
        new Fact("Dr. Ehrlich's Magic Bullet", "directed_by", "William Dieterle"),
        new Fact("Dr. Ehrlich's Magic Bullet", "release_year", "1940"),
        new Fact("Dr. Ehrlich's Magic Bullet", "starred_actors", "Edward G. Robinson"),
        new Fact("The Dark Knight", "directed_by", "Christopher Nolan"),
        new Fact("The Dark Knight Rises", "directed_by", "Christopher Nolan"),
        new Fact("The Dark Knight Rises", "release_year", "2012"),
        new Fact(HOSTILE, "directed_by", "Robert \"Bobby\" Tables"),
        new Fact("AND (OR) * ~ ?", "release_year", "1999"),
        // Two films merged under one title; the tag names the 2008 star (AnswerEvidenceTest).
        new Fact("Deception", "starred_actors", "Bette Davis"),
        new Fact("Deception", "starred_actors", "Hugh Jackman"),
        new Fact("Deception", "has_tags", "hugh jackman"),
        new Fact("Now, Voyager", "starred_actors", "Bette Davis"),
        new Fact("Now, Voyager", "starred_actors", "Claude Rains"),
        new Fact("Swordfish", "starred_actors", "Hugh Jackman"),
        new Fact("Swordfish", "starred_actors", "Halle Berry"),
        new Fact("Swordfish", "has_tags", "hugh jackman")));
    linker = new EntityLinker(graph, Duration.ofSeconds(2));
    executor = new PathExecutor(graph, Duration.ofSeconds(2));
  }

  @Test
  void bracketedMentionsResolveByKey() {
    List<LinkedEntity> linked = linker.link(collection, "who directed [kismet]");
    assertEquals("Kismet", linked.get(0).name());
    assertEquals(1.0, linked.get(0).score());
    assertEquals("who directed <e>", linked.get(0).mask("who directed [kismet]"));
  }

  @Test
  void withoutBracketsTheLongestVerbatimNameWins() {
    String q = "when was The Dark Knight Rises released";
    List<LinkedEntity> linked = linker.link(collection, q);
    assertEquals("The Dark Knight Rises", linked.get(0).name());
    assertEquals("when was <e> released", linked.get(0).mask(q));
    assertEquals("Dr. Ehrlich's Magic Bullet",
        linker.link(collection, "who directed dr. ehrlich's magic bullet").get(0).name());
  }

  @Test
  void pathsRunAsCypherAndExcludeTheTopic() {
    String kismet = linker.link(collection, "[Kismet]").get(0).uid();
    List<PathExecutor.Reached> director = executor.execute(kismet,
        RelationPath.parse("directed_by"), 10);
    assertEquals(List.of("William Dieterle"), director.stream().map(PathExecutor.Reached::name).toList());
    List<PathExecutor.Reached> sameDirector = executor.execute(kismet,
        RelationPath.parse("directed_by>directed_by^-1"), 10);
    assertEquals(List.of("Dr. Ehrlich's Magic Bullet"),
        sameDirector.stream().map(PathExecutor.Reached::name).toList());
    List<PathExecutor.Reached> years = executor.execute(kismet,
        RelationPath.parse("directed_by>directed_by^-1>release_year"), 10);
    assertEquals(List.of("1940"), years.stream().map(PathExecutor.Reached::name).toList());
  }

  @Test
  void cypherRanksByTheSameEvidenceAndScoreAsTheInMemoryRanker() {
    String deception = linker.link(collection, "[Deception]").get(0).uid();
    RelationPath cast = RelationPath.parse("starred_actors");
    // Support only: one walk each, so by name.
    assertEquals(List.of("Bette Davis", "Hugh Jackman"), names(executor.execute(deception,
        cast, 10)));
    AnswerRanker ranker = new AnswerRanker(new double[][] {{0, 0, 1, 0}, {1, 0, 0, 0},
        {1, 2, 3, 4}});
    PathExecutor ranked = new PathExecutor(graph, Duration.ofSeconds(2), ranker);
    List<PathExecutor.Reached> tagged = ranked.execute(deception, cast, 10);
    assertEquals(List.of("Hugh Jackman", "Bette Davis"), names(tagged));
    assertEquals(Math.log(2), tagged.get(0).score(), 1e-12);
    assertEquals(1, ranked.execute(deception, cast, 1).size());
    // Three hops: walks through the topic's tag (Jackman) and from a film tagged with the
    // answer (Swordfish), and the degree, as AnswerEvidenceTest counts them in memory.
    List<PathExecutor.Reached> three = ranked.execute(deception,
        RelationPath.parse("starred_actors>starred_actors^-1>starred_actors"), 10);
    assertEquals(List.of("Hugh Jackman", "Bette Davis", "Halle Berry", "Claude Rains"),
        names(three));
    double[] expected = {ranker.score(3, new AnswerRanker.Features(1, 1, 1, 4)),
        ranker.score(3, new AnswerRanker.Features(1, 0, 0, 2)),
        ranker.score(3, new AnswerRanker.Features(1, 1, 0, 1)),
        ranker.score(3, new AnswerRanker.Features(1, 0, 0, 1))};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], three.get(i).score(), 1e-9, three.get(i).name());
      assertEquals(1, three.get(i).support());
    }
  }

  private static List<String> names(List<PathExecutor.Reached> reached) {
    return reached.stream().map(PathExecutor.Reached::name).toList();
  }

  @Test
  void hostileNamesAreAnsweredOrNotButNeverFail() {
    for (String q : new String[] {"who directed [" + HOSTILE + "]", "who directed " + HOSTILE,
        "when was [AND (OR) * ~ ?] released", "\\\\ \" ' ` ]] [[ ) (", "[]", "[ ]"}) {
      List<LinkedEntity> linked = linker.link(collection, q);
      for (LinkedEntity e : linked) {
        executor.execute(e.uid(), RelationPath.parse("directed_by"), 10);
      }
    }
    LinkedEntity hostile = linker.link(collection, "who directed [" + HOSTILE + "]").get(0);
    assertEquals(List.of("Robert \"Bobby\" Tables"), executor.execute(hostile.uid(),
        RelationPath.parse("directed_by"), 10).stream().map(PathExecutor.Reached::name).toList());
    assertTrue(count("MATCH (n:Entity) WHERE n.collection = $c RETURN count(n)") >= 14,
        "the hostile name deleted nothing");
  }
}
