package io.odqa.qa.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.Document;
import io.odqa.core.text.SentenceChunker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared SQuAD-open data ({@code ../shared/data/squad-open}): its 2,067 paragraphs indexed one
 * passage each (passage id {@code <paragraph id>::p0}), and its dev questions.
 */
final class SquadOpen {
  static final Path DIR = Path.of("..", "..", "shared", "data", "squad-open");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A dev question with the paragraph it was asked on. */
  record Question(String id, String question, String contextId, List<String> answers) {}

  private SquadOpen() {}

  /** Paragraph id → text. */
  static Map<String, String> paragraphs() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode n : lines("corpus.jsonl")) {
      out.put(n.get("id").asText(), n.get("text").asText());
    }
    return out;
  }

  /** The first {@code n} dev questions. */
  static List<Question> dev(int n) throws IOException {
    List<Question> out = new ArrayList<>();
    for (JsonNode q : lines("dev.jsonl")) {
      if (out.size() == n) {
        break;
      }
      List<String> answers = new ArrayList<>();
      q.get("answers").forEach(a -> answers.add(a.asText()));
      out.add(new Question(q.get("id").asText(), q.get("question").asText(),
          q.get("context_id").asText(), answers));
    }
    return out;
  }

  /** Writes every paragraph into collection index {@code index}, one passage each. */
  static void index(Path index) throws IOException {
    SentenceChunker whole = new SentenceChunker(100_000, 0);
    try (PassageIndexWriter writer = PassageIndexWriter.open(index)) {
      for (JsonNode n : lines("corpus.jsonl")) {
        Document d = new Document(n.get("id").asText(), n.get("title").asText(),
            n.get("text").asText());
        writer.upsert(d.id(), d.title(), whole.chunk(d));
      }
      writer.commit();
    }
  }

  private static List<JsonNode> lines(String file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve(file))) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }
}
