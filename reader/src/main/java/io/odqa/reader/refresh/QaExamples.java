package io.odqa.reader.refresh;

import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.train.Evaluator;
import io.odqa.reader.train.TokenizedSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Operations on lists of {@link QaExample}: tokenising them for the trainer, fingerprinting them
 * for provenance, and scoring a model on them.
 *
 * <p>The conversion to a {@link TokenizedSet} lives here rather than in the {@code train}
 * package so that training does not depend on the refresh that builds on it.
 */
public final class QaExamples {
  private QaExamples() {}

  /**
   * Tokenises {@code examples} with {@code tok}. Equal contexts are tokenised once and shared;
   * each question keeps its one gold answer at its given offset, so no answer is searched for.
   */
  public static TokenizedSet tokenize(List<QaExample> examples, QaTokenizer tok) {
    Map<String, Integer> contextIndex = new HashMap<>();
    List<TokenizedSet.Context> contexts = new ArrayList<>();
    List<TokenizedSet.Question> questions = new ArrayList<>();
    for (QaExample e : examples) {
      int ci = contextIndex.computeIfAbsent(e.context(), text -> {
        QaTokenizer.Tokens t = tok.tokenize(text);
        // Feedback passages carry no ids of their own: the first example with one names it.
        contexts.add(new TokenizedSet.Context(e.id(), text, t.ids(), t.starts(), t.ends()));
        return contexts.size() - 1;
      });
      questions.add(new TokenizedSet.Question(e.id(), tok.tokenize(e.question()).ids(), ci,
          List.of(e.answer()), e.answerStart()));
    }
    return new TokenizedSet(tok.cls(), tok.sep(), List.copyOf(contexts), List.copyOf(questions));
  }

  /**
   * SHA-256 (hex) of the training data of a refresh: one record per example holding its role
   * (feedback or replay), id, question, answer, answer offset and context, the records sorted so
   * that the order of the lists does not matter. Fields are length-prefixed, so no text can forge
   * a field boundary.
   */
  public static String fingerprint(List<QaExample> feedback, List<QaExample> replay) {
    List<String> records = new ArrayList<>(feedback.size() + replay.size());
    feedback.forEach(e -> records.add(record("feedback", e)));
    replay.forEach(e -> records.add(record("replay", e)));
    records.sort(null);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    for (String r : records) {
      sha.update(r.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String record(String role, QaExample e) {
    StringBuilder b = new StringBuilder();
    for (String field : new String[] {role, e.id(), e.question(), e.answer(),
        Integer.toString(e.answerStart()), e.context()}) {
      b.append(field.length()).append(':').append(field);
    }
    return b.append('\n').toString();
  }

  /** Gold-passage EM and F1 of {@code model} on {@code examples}, with the reader's windows. */
  public static Evaluator.Scores evaluate(ReaderModel model, List<QaExample> examples) {
    return Evaluator.evaluate(model, tokenize(examples, model.tokenizer()), ReaderSettings.DEFAULT);
  }

  /** As {@link #evaluate(ReaderModel, List)} for the model in {@code dir} on {@code device}. */
  public static Evaluator.Scores evaluate(Path dir, String device, List<QaExample> examples)
      throws IOException {
    try (ReaderModel model = ReaderModel.load(dir, device)) {
      return evaluate(model, examples);
    }
  }
}
