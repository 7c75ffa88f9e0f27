package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions with gold answers from a JSONL file in SQuAD-open format ({@code {"id", "question",
 * "context_id", "answers": [...]}}) or MetaQA format ({@code {"question", "answers": [...]}}).
 * A question's id is its {@code id} when it has one, else its 1-based line number in the file.
 */
final class QuestionFile {
  /** A question, its id and its gold answers (at least one). */
  record Question(String id, String question, List<String> answers) {}

  /** A line that is not a question; the message names the file and line. */
  static final class BadLine extends Exception {
    BadLine(String message) {
      super(message);
    }
  }

  private QuestionFile() {}

  /**
   * Reads questions, skipping the first {@code offset} (blank lines do not count) and keeping at
   * most {@code limit}; reading stops there, so a large file is cheap to sample from the front.
   */
  static List<Question> read(Path file, int offset, int limit) throws IOException, BadLine {
    List<Question> out = new ArrayList<>();
    int seen = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      for (int number = 1; out.size() < limit && (line = in.readLine()) != null; number++) {
        if (line.isBlank()) {
          continue;
        }
        if (seen++ < offset) {
          continue;
        }
        out.add(parse(file, number, line));
      }
    }
    return out;
  }

  private static Question parse(Path file, int number, String line) throws BadLine {
    JsonNode node;
    try {
      node = Output.JSON.readTree(line);
    } catch (IOException e) {
      throw new BadLine(file + ":" + number + ": not JSON");
    }
    List<String> golds = new ArrayList<>();
    node.path("answers").forEach(a -> {
      if (a.isTextual() && !a.asText().isBlank()) {
        golds.add(a.asText());
      }
    });
    if (!node.path("question").isTextual() || node.get("question").asText().isBlank()
        || golds.isEmpty()) {
      throw new BadLine(file + ":" + number
          + ": needs a non-blank 'question' string and a non-empty 'answers' list of strings");
    }
    String id = node.path("id").isValueNode() && !node.get("id").asText().isBlank()
        ? node.get("id").asText() : String.valueOf(number);
    return new Question(id, node.get("question").asText(), List.copyOf(golds));
  }
}
