package io.odqa.reader.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.reader.read.QaTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * SQuAD-format questions and their paragraphs, tokenised once with the model's tokenizer and
 * stored as gzipped JSON. Everything downstream (windows, labels, decoding to character offsets)
 * needs only these ids and spans, so training can run where the native tokenizer is absent.
 *
 * @param cls id of {@code [CLS]}
 * @param sep id of {@code [SEP]}
 * @param contexts the paragraphs, tokenised with character spans
 * @param questions the questions with their paragraph and gold answers
 */
public record TokenizedSet(long cls, long sep, List<Context> contexts, List<Question> questions) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A paragraph. */
  public record Context(String id, String text, long[] ids, int[] starts, int[] ends) {
    /** The tokens as the reader takes them. */
    public QaTokenizer.Tokens tokens() {
      return new QaTokenizer.Tokens(ids, starts, ends);
    }
  }

  /**
   * A question.
   *
   * @param answerStart character offset of the first gold answer in the paragraph, or -1 when
   *     the answer text does not occur in it
   */
  public record Question(String id, long[] ids, int context, List<String> answers,
      int answerStart) {}

  /**
   * Reads {@code questionsJsonl} ({@code {id, question, context_id, answers, answer_starts}})
   * and the paragraphs it names from {@code corpusJsonl} ({@code {id, title, text}}), and
   * tokenises both. A question whose paragraph is missing is an error naming it.
   */
  public static TokenizedSet build(Path questionsJsonl, Path corpusJsonl, QaTokenizer tok)
      throws IOException {
    Map<String, String> corpus = new HashMap<>();
    for (JsonNode n : lines(corpusJsonl)) {
      corpus.put(n.path("id").asText(n.path("_id").asText()), n.path("text").asText());
    }
    Map<String, Integer> contextIndex = new LinkedHashMap<>();
    List<Context> contexts = new ArrayList<>();
    List<Question> questions = new ArrayList<>();
    for (JsonNode n : lines(questionsJsonl)) {
      String cid = n.path("context_id").asText();
      String text = corpus.get(cid);
      if (text == null) {
        throw new IOException(questionsJsonl + ": question " + n.path("id").asText()
            + " names context " + cid + ", which " + corpusJsonl + " does not hold");
      }
      int ci = contextIndex.computeIfAbsent(cid, k -> {
        QaTokenizer.Tokens t = tok.tokenize(text);
        contexts.add(new Context(k, text, t.ids(), t.starts(), t.ends()));
        return contexts.size() - 1;
      });
      List<String> answers = new ArrayList<>();
      n.path("answers").forEach(a -> answers.add(a.asText()));
      int start = answers.isEmpty() ? -1 : text.indexOf(answers.get(0));
      int given = n.path("answer_starts").path(0).asInt(-1);
      if (given >= 0 && !answers.isEmpty() && text.startsWith(answers.get(0), given)) {
        start = given;
      }
      questions.add(new Question(n.path("id").asText(), tok.tokenize(n.path("question").asText())
          .ids(), ci, List.copyOf(answers), start));
    }
    return new TokenizedSet(tok.cls(), tok.sep(), contexts, questions);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  /** Writes this set as gzipped JSON. */
  public void write(Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      JSON.writeValue(out, this);
    }
  }

  /** Reads a set written by {@link #write}. */
  public static TokenizedSet read(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return JSON.readValue(in, TokenizedSet.class);
    }
  }
}
