package io.odqa.reader.refresh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded sample of the original training split, replayed beside the feedback so that a refresh
 * does not forget what the champion learned (experience replay against catastrophic forgetting).
 */
public final class ReplaySample {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplaySample() {}

  /**
   * {@code n} questions of {@code questionsJsonl} ({@code {id, question, context_id, answers,
   * answer_starts}}) whose first answer is located in its paragraph ({@code answer_starts[0] >=
   * 0} and the text is there), with the paragraphs of {@code corpusJsonl} ({@code {id, title,
   * text}}); all of them when fewer qualify. The same files, {@code n} and {@code seed} give the
   * same list in the same order, whatever the order of the lines: candidates are sorted by id
   * before the seeded shuffle. A question whose paragraph is missing is an error naming it.
   */
  public static List<QaExample> squad(Path questionsJsonl, Path corpusJsonl, int n, long seed)
      throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("replay sample size n must be >= 0, got " + n);
    }
    Map<String, String> corpus = new HashMap<>();
    forEachLine(corpusJsonl, node -> corpus.put(
        node.path("id").asText(node.path("_id").asText()), node.path("text").asText()));
    List<QaExample> candidates = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    forEachLine(questionsJsonl, node -> {
      String cid = node.path("context_id").asText();
      String text = corpus.get(cid);
      if (text == null) {
        missing.add(node.path("id").asText() + " (context " + cid + ")");
        return;
      }
      String answer = node.path("answers").path(0).asText("");
      int start = node.path("answer_starts").path(0).asInt(-1);
      if (!answer.isBlank() && start >= 0 && text.startsWith(answer, start)) {
        candidates.add(new QaExample(node.path("id").asText(), node.path("question").asText(),
            text, answer, start));
      }
    });
    if (!missing.isEmpty()) {
      throw new IOException(questionsJsonl + ": " + missing.size() + " questions name contexts "
          + corpusJsonl + " does not hold, first " + missing.get(0));
    }
    candidates.sort(Comparator.comparing(QaExample::id));
    Collections.shuffle(candidates, new Random(seed));
    return List.copyOf(candidates.subList(0, Math.min(n, candidates.size())));
  }

  private static void forEachLine(Path file, Consumer<JsonNode> each) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          each.accept(JSON.readTree(line));
        }
      }
    }
  }
}
