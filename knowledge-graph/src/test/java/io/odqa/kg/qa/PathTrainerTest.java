package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.kg.qa.MetaQaQuestions.Question;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathTrainerTest {
  /** Of these, the split holds out Hal's template and Ann's paraphrase, and nothing else. */
  static final List<String> NAMES = List.of("Ann", "Bob", "Cy", "Hal");

  static String template(String name) {
    return "what movies did [" + name + "] act in";
  }

  static String paraphrase(String name) {
    return "what films have [" + name + "] acted in";
  }

  /** One question per name, text by {@code text}, answer "Film of NAME". */
  static Path write(Path file, List<String> names, Function<String, String> text)
      throws Exception {
    return Files.writeString(file, names.stream()
        .map(n -> "{\"question\": \"" + text.apply(n) + "\", \"answers\": [\"Film of " + n
            + "\"], \"hops\": 1}")
        .collect(Collectors.joining("\n")));
  }

  @Test
  void aParaphraseFileIsSplitLikeItsTemplate(@TempDir Path dir) throws Exception {
    assertTrue(MetaQaQuestions.isHeldOut(template("Hal")));
    assertFalse(MetaQaQuestions.isHeldOut(paraphrase("Hal")));
    assertTrue(MetaQaQuestions.isHeldOut(paraphrase("Ann")));
    Path templates = write(dir.resolve("t.jsonl"), NAMES, PathTrainerTest::template);
    Path paraphrases = write(dir.resolve("p.jsonl"), NAMES, PathTrainerTest::paraphrase);

    assertEquals(List.of(paraphrase("Hal")), texts(MetaQaQuestions.heldOut(paraphrases + "="
        + templates)));
    assertEquals(List.of(paraphrase("Ann")), texts(MetaQaQuestions.heldOut(paraphrases.toString())));
  }

  @Test
  void rejectsAFileThatDoesNotParaphraseItsTemplate(@TempDir Path dir) throws Exception {
    Path templates = write(dir.resolve("t.jsonl"), NAMES, PathTrainerTest::template);
    Path shorter = write(dir.resolve("s.jsonl"), NAMES.subList(0, 3), PathTrainerTest::paraphrase);
    Path reordered = write(dir.resolve("r.jsonl"), List.of("Bob", "Ann", "Cy", "Hal"),
        PathTrainerTest::paraphrase);
    assertThrows(IllegalArgumentException.class,
        () -> MetaQaQuestions.heldOut(shorter + "=" + templates));
    assertThrows(IllegalArgumentException.class,
        () -> MetaQaQuestions.heldOut(reordered + "=" + templates));
  }

  private static List<String> texts(List<Question> questions) {
    return questions.stream().map(Question::text).toList();
  }
}
