package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathClassifierTest {
  static final RelationPath DIRECTED = RelationPath.parse("directed_by");
  static final RelationPath WRITTEN = RelationPath.parse("written_by");
  static final RelationPath ACTED = RelationPath.parse("starred_actors^-1");
  static final RelationPath ACTED_YEARS = RelationPath.parse("starred_actors^-1>release_year");
  static final RelationPath ACTORS = RelationPath.parse("starred_actors");

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
    return train(TRAIN, 0);
  }

  static PathClassifier train(Map<RelationPath, List<String>> templates, double wordDropout) {
    List<String> names = List.of("Ann", "Kismet", "The Big Sleep", "Bob Ross", "X 2", "Élan");
    List<PathClassifier.Example> examples = new ArrayList<>();
    templates.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      for (String template : e.getValue()) {
        for (String name : names) {
          String masked = QuestionFeatures.mask(String.format(template, name));
          examples.add(new PathClassifier.Example(masked, e.getKey()));
        }
      }
    });
    return PathClassifier.train(examples, new PathClassifier.Settings(30, 0.05, 1e-6, 7, 2,
        1e-3, wordDropout));
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
    assertEquals(QuestionFeatures.of("Who directed <e> ?"),
        QuestionFeatures.of(List.of("who", "directed", "<e>")));
    assertThrows(IllegalArgumentException.class, () -> QuestionFeatures.mask("abc", 2, 9));
    assertThrows(IllegalArgumentException.class, () -> train().rank("who", 0));
  }

  @Test
  void wordDropoutLetsTheContentWordOutvoteTheTemplateBigrams() {
    // "the actors of [Q]" shares "<s> the", "the" and "of <e>" with "the director / writer of
    // [X] is who" and only the word "actors" with the actor templates.
    Map<RelationPath, List<String>> templates = new HashMap<>(TRAIN);
    templates.put(ACTORS, List.of("who are the actors in [%s]", "who starred in [%s]"));
    String paraphrase = QuestionFeatures.mask("the actors of [Q]");
    assertEquals(WRITTEN, train(templates, 0).rank(paraphrase, 1).get(0).path());
    PathClassifier robust = train(templates, 0.3);
    assertEquals(ACTORS, robust.rank(paraphrase, 1).get(0).path());
    HELD_OUT.forEach((question, path) ->
        assertEquals(path, robust.rank(QuestionFeatures.mask(question), 1).get(0).path()));
    assertEquals(robust.rank(paraphrase, 5), train(templates, 0.3).rank(paraphrase, 5),
        "the same seed drops the same words");
  }

  @Test
  void wordDropoutKeepsTheFormat(@TempDir Path dir) throws Exception {
    PathClassifier classifier = train(TRAIN, 0.3);
    Path file = dir.resolve("model.json");
    classifier.save(file);
    assertTrue(Files.readString(file).startsWith("{\"format\":\"odqa-path-classifier/1\""));
    PathClassifier loaded = PathClassifier.load(file);
    for (String question : HELD_OUT.keySet()) {
      String masked = QuestionFeatures.mask(question);
      assertEquals(classifier.rank(masked, 4), loaded.rank(masked, 4));
    }
  }

  @Test
  void rejectsWordDropoutOutsideItsRange() {
    for (double p : new double[] {-0.1, 1, Double.NaN}) {
      assertThrows(IllegalArgumentException.class,
          () -> new PathClassifier.Settings(1, 0.1, 0, 1, 1, 0, p), "wordDropout " + p);
    }
  }

  /**
   * A hand-written {@code odqa-path-classifier/1} file scores as it always has: the softmax of
   * the biases (0.25, 0) plus the rows of the features present, "directed" (1.5, -0.5) and
   * "directed <e>" (0.25, 0).
   */
  @Test
  void readsAVersion1FileExactly(@TempDir Path dir) throws Exception {
    Base64.Encoder base64 = Base64.getEncoder();
    String json = """
        {"format": "odqa-path-classifier/1", "labels": ["directed_by", "written_by"],
         "features": ["wrote", "directed", "directed <e>"], "bias": "%s",
         "weightPositions": "%s", "weightValues": "%s"}"""
        .formatted(base64.encodeToString(floats(0.25f, 0)),
            base64.encodeToString(ByteBuffer.allocate(20).putInt(0).putInt(1).putInt(2)
                .putInt(3).putInt(4).array()),
            base64.encodeToString(floats(-1, 1, 1.5f, -0.5f, 0.25f)));
    Path file = dir.resolve("v1.json");
    Files.writeString(file, json);
    PathClassifier loaded = PathClassifier.load(file);
    assertEquals(List.of(DIRECTED, WRITTEN), loaded.labels());
    assertEquals(3, loaded.featureCount());
    List<PathClassifier.Scored> ranked = loaded.rank("who directed <e>", 2);
    double directed = 1 / (1 + Math.exp(-(0.25 + 1.5 + 0.25 + 0.5)));
    assertEquals(DIRECTED, ranked.get(0).path());
    assertEquals(directed, ranked.get(0).probability(), 1e-12);
    assertEquals(1 - directed, ranked.get(1).probability(), 1e-12);
    assertEquals(WRITTEN, loaded.rank("who wrote <e>", 1).get(0).path());
  }

  /** The model that qa-service loads today still loads and answers the templates. */
  @Test
  void loadsTheShippedModel() throws Exception {
    PathClassifier shipped = PathClassifier.load(Path.of("../models/kgqa/paths.json"));
    assertEquals(ACTED, shipped.rank(QuestionFeatures.mask(
        "what movies did [Temuera Morrison] act in"), 1).get(0).path());
    assertEquals(DIRECTED, shipped.rank(QuestionFeatures.mask("who directed [Kismet]"), 1)
        .get(0).path());
  }

  private static byte[] floats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }
}
