package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathClassifierTest {
  static final RelationPath DIRECTED = RelationPath.parse("directed_by");
  static final RelationPath WRITTEN = RelationPath.parse("written_by");
  static final RelationPath ACTED = RelationPath.parse("starred_actors^-1");
  static final RelationPath ACTED_YEARS = RelationPath.parse("starred_actors^-1>release_year");

  /** Training templates, two or three per label; %s is the entity. */
  static final Map<RelationPath, List<String>> TRAIN = Map.of(
      DIRECTED, List.of("who directed [%s]", "the director of [%s] is who"),
      WRITTEN, List.of("who wrote [%s]", "the writer of [%s] is who"),
      ACTED, List.of("what films did [%s] act in", "which movies did [%s] star in"),
      ACTED_YEARS, List.of("when were the films acted by [%s] released",
          "the movies starred by [%s] were released in which years",
          "what years were the films acted by [%s] released"));

  /** Unseen templates with unseen entities. */
  static final Map<String, RelationPath> HELD_OUT = Map.of(
      "who is the director of [Zorba Film]", DIRECTED,
      "who is the writer of [Zorba Film]", WRITTEN,
      "what movies did [Quentin Q] act in", ACTED,
      "when were the movies starred by [Quentin Q] released", ACTED_YEARS);

  static PathClassifier train() {
    List<String> names = List.of("Ann", "Kismet", "The Big Sleep", "Bob Ross", "X 2", "Élan");
    List<PathClassifier.Example> examples = new ArrayList<>();
    TRAIN.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      for (String template : e.getValue()) {
        for (String name : names) {
          String masked = QuestionFeatures.mask(String.format(template, name));
          examples.add(new PathClassifier.Example(masked, e.getKey()));
        }
      }
    });
    return PathClassifier.train(examples, new PathClassifier.Settings(30, 0.05, 1e-6, 7, 2,
        1e-3));
  }

  @Test
  void generalisesToUnseenTemplates() {
    PathClassifier classifier = train();
    assertEquals(List.of(DIRECTED, ACTED, ACTED_YEARS, WRITTEN), classifier.labels());
    HELD_OUT.forEach((question, path) -> {
      List<PathClassifier.Scored> ranked = classifier.rank(QuestionFeatures.mask(question), 4);
      assertEquals(path, ranked.get(0).path(), question + " -> " + ranked);
      assertTrue(ranked.get(0).probability() > 0.5, question + " -> " + ranked);
      assertEquals(1.0, ranked.stream().mapToDouble(PathClassifier.Scored::probability).sum(),
          1e-9);
    });
    assertEquals(2, classifier.rank("who directed <e>", 2).size());
  }

  @Test
  void savesAndLoadsIdenticalProbabilities(@TempDir Path dir) throws Exception {
    PathClassifier classifier = train();
    Path file = dir.resolve("model.json");
    classifier.save(file);
    PathClassifier loaded = PathClassifier.load(file);
    assertEquals(classifier.labels(), loaded.labels());
    for (String question : HELD_OUT.keySet()) {
      String masked = QuestionFeatures.mask(question);
      assertEquals(classifier.rank(masked, 4), loaded.rank(masked, 4));
    }
    assertTrue(Files.size(file) < 100_000);
  }

  @Test
  void sameSeedSameModel() {
    String masked = QuestionFeatures.mask("who is the writer of [Q]");
    assertEquals(train().rank(masked, 4), train().rank(masked, 4));
  }

  @Test
  void masksAndTokenizes() {
    assertEquals(List.of("who", "directed", "<e>"),
        QuestionFeatures.tokens(QuestionFeatures.mask("Who directed [The Big-Sleep]?")));
    assertEquals(List.of("who", "directed", "<e>", "in", "1999"),
        QuestionFeatures.tokens(QuestionFeatures.mask("who directed Kismet in 1999", 13, 19)));
    assertEquals(List.of("who", "<e>", "<s> who", "who <e>", "<e> </s>"),
        QuestionFeatures.of("who <e>"));
    assertThrows(IllegalArgumentException.class, () -> QuestionFeatures.mask("abc", 2, 9));
    assertThrows(IllegalArgumentException.class, () -> train().rank("who", 0));
  }
}
