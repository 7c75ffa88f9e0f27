package io.odqa.reader.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay sample holds only questions whose answer is located in their paragraph, and the
 * same seed gives the same sample whatever the order of the file's lines.
 */
class ReplaySampleTest {
  private static final String CORPUS = """
      {"id": "c1", "title": "", "text": "Grace Hopper built the first COBOL compiler in 1959."}
      {"id": "c2", "title": "", "text": "Alan Turing described a universal machine in 1936."}
      """;
  private static final String QUESTIONS = """
      {"id": "q1", "question": "Who built it?", "context_id": "c1", "answers": ["Grace Hopper"], "answer_starts": [0]}
      {"id": "q2", "question": "When?", "context_id": "c1", "answers": ["in the fifties"], "answer_starts": [-1]}
      {"id": "q3", "question": "What?", "context_id": "c2", "answers": ["a universal machine"], "answer_starts": [22]}
      {"id": "q4", "question": "Which year?", "context_id": "c2", "answers": ["1936"], "answer_starts": [3]}
      {"id": "q5", "question": "Who?", "context_id": "c2", "answers": ["Alan Turing"], "answer_starts": [0]}
      """;

  @Test
  void keepsOnlyLocatedAnswersAndIgnoresLineOrder(@TempDir Path dir) throws IOException {
    Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), CORPUS);
    Path questions = Files.writeString(dir.resolve("q.jsonl"), QUESTIONS);
    List<QaExample> all = ReplaySample.squad(questions, corpus, 10, 3L);
    assertEquals(List.of("q1", "q3", "q5"), all.stream().map(QaExample::id).sorted().toList(),
        "q2 has no offset and q4's offset does not hold its answer");
    List<String> lines = new java.util.ArrayList<>(QUESTIONS.lines().toList());
    java.util.Collections.reverse(lines);
    Path reversed = Files.writeString(dir.resolve("r.jsonl"), String.join("\n", lines));
    assertEquals(ReplaySample.squad(questions, corpus, 2, 3L),
        ReplaySample.squad(reversed, corpus, 2, 3L));
    assertEquals(0, ReplaySample.squad(questions, corpus, 0, 3L).size());
  }

  @Test
  void rejectsAMissingParagraphAndANegativeSize(@TempDir Path dir) throws IOException {
    Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), CORPUS.lines().findFirst()
        .orElseThrow());
    Path questions = Files.writeString(dir.resolve("q.jsonl"), QUESTIONS);
    IOException e = assertThrows(IOException.class,
        () -> ReplaySample.squad(questions, corpus, 2, 0L));
    assertTrue(e.getMessage().contains("3 questions name contexts"), e.getMessage());
    assertTrue(e.getMessage().contains("first q3 (context c2)"), e.getMessage());
    assertEquals("replay sample size n must be >= 0, got -1", assertThrows(
        IllegalArgumentException.class, () -> ReplaySample.squad(questions, corpus, -1, 0L))
        .getMessage());
  }

  @Test
  void squadTrainSampleIsDeterministicPerSeed() throws IOException {
    Path train = Fixtures.SQUAD.resolve("train.jsonl");
    Path corpus = Fixtures.SQUAD.resolve("corpus.jsonl");
    assumeTrue(Files.isRegularFile(train) && Files.isRegularFile(corpus),
        "SQuAD-open data not found at " + Fixtures.SQUAD.toAbsolutePath().normalize()
            + " (set -Dodqa.squad.dir); skipping the replay sample over real data");
    List<QaExample> a = ReplaySample.squad(train, corpus, 200, 42L);
    assertEquals(200, a.size());
    assertEquals(a, ReplaySample.squad(train, corpus, 200, 42L));
    assertNotEquals(a, ReplaySample.squad(train, corpus, 200, 43L));
    assertEquals(200, new HashSet<>(a.stream().map(QaExample::id).toList()).size(), "no repeats");
    assertEquals(a.subList(0, 50), ReplaySample.squad(train, corpus, 50, 42L),
        "a smaller sample is a prefix of a larger one with the same seed");
  }
}
