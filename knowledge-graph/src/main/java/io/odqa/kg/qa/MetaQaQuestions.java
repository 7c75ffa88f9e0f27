package io.odqa.kg.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MetaQA question files ({@code {"question": "what movies did [X] act in", "answers": [...],
 * "hops": 1}} per line) and their deterministic train/held-out split.
 *
 * <p>The split: a question is held out when the first 8 bytes of the SHA-256 of its UTF-8
 * text, read as a big-endian long, are 0 modulo {@value #FOLDS} (about 20%). Hashing the text
 * rather than the line number keeps the split stable under reordering and puts identical
 * question texts on the same side.
 */
public final class MetaQaQuestions {
  /** One in this many questions is held out. */
  public static final int FOLDS = 5;

  private static final Pattern MENTION = Pattern.compile("\\[([^\\]]+)\\]");
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetaQaQuestions() {}

  /**
   * One question.
   *
   * @param text question text with the topic mention in brackets
   * @param answers gold answer names
   * @param hops number of KB hops between topic and answers, 1 to 3
   */
  public record Question(String text, List<String> answers, int hops) {
    public Question {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("question text must not be blank, got '" + text + "'");
      }
      if (hops < 1 || hops > RelationPath.MAX_HOPS) {
        throw new IllegalArgumentException("hops must be in [1, 3], got " + hops);
      }
      answers = List.copyOf(answers);
    }

    /** The bracketed topic mention without brackets, if any. */
    public Optional<String> topic() {
      Matcher m = MENTION.matcher(text);
      return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    /** Whether the question falls in the held-out fifth (see the class comment). */
    public boolean heldOut() {
      return isHeldOut(text);
    }
  }

  /** Whether a question with this text is held out. */
  public static boolean isHeldOut(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return Math.floorMod(ByteBuffer.wrap(digest, 0, 8).getLong(), FOLDS) == 0;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * The held-out questions of {@code entry}: {@code FILE}, split by its own texts, or {@code
   * FILE=TEMPLATE}, where line i of FILE paraphrases line i of TEMPLATE and is held out when that
   * template line is (so a paraphrase is never tested whose template trained the classifier). The
   * files must have as many questions, with the same answers line by line.
   */
  public static List<Question> heldOut(String entry) throws IOException {
    String[] files = entry.split("=", 2);
    List<Question> questions = read(Path.of(files[0].strip()));
    if (files.length == 1) {
      return questions.stream().filter(Question::heldOut).toList();
    }
    List<Question> templates = read(Path.of(files[1].strip()));
    if (templates.size() != questions.size()) {
      throw new IllegalArgumentException(files[0] + " has " + questions.size()
          + " questions, its template " + files[1] + " " + templates.size());
    }
    List<Question> heldOut = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      if (!Set.copyOf(questions.get(i).answers()).equals(Set.copyOf(templates.get(i).answers()))) {
        throw new IllegalArgumentException("question " + (i + 1) + " of " + files[0]
            + " does not paraphrase that of " + files[1] + ": their answers differ");
      }
      if (templates.get(i).heldOut()) {
        heldOut.add(questions.get(i));
      }
    }
    return heldOut;
  }

  /** Reads one jsonl file; a line that is not a valid question fails with its line number. */
  public static List<Question> read(Path jsonl) throws IOException {
    if (jsonl == null || !Files.isRegularFile(jsonl)) {
      throw new IllegalArgumentException("questions file must be a readable file, got " + jsonl);
    }
    List<Question> questions = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          questions.add(parse(line, jsonl, number));
        }
      }
    }
    return questions;
  }

  private static Question parse(String line, Path file, int number) throws IOException {
    try {
      JsonNode node = JSON.readTree(line);
      List<String> answers = new ArrayList<>();
      node.path("answers").forEach(a -> answers.add(a.asText()));
      return new Question(node.path("question").asText(null), answers, node.path("hops").asInt());
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ":" + number + ": not a MetaQA question: " + e.getMessage(), e);
    }
  }
}
