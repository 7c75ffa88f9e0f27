package io.odqa.feedback.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.label.FeedbackLabels;
import io.odqa.feedback.label.LabelledQuestion;
import io.odqa.feedback.qa.EvalQuestion;
import io.odqa.feedback.store.FeedbackStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The question sets a job evaluates on: the labelled feedback of a collection, split into its
 * tuning and held-out parts, and the fixed anchor sample of training questions.
 */
@ApplicationScoped
public class ExampleSets {
  /** The anchor sample is the same in every retune. */
  private static final long ANCHOR_SEED = 0;

  private final FeedbackStore store;
  private final FeedbackConfig.Loop loop;
  private final ObjectMapper mapper;

  ExampleSets(FeedbackStore store, FeedbackConfig config, ObjectMapper mapper) {
    this.store = store;
    this.loop = config.loop();
    this.mapper = mapper;
  }

  /**
   * The labelled questions of {@code collection}.
   *
   * @param labels every labelled question
   * @param tuning tuning-part questions with a confirmed answer
   * @param heldOut held-out questions with a confirmed answer (only the gate reads them)
   * @param negativesOnly questions whose feedback only rejects answers
   */
  public record Labelled(List<LabelledQuestion> labels, List<LabelledQuestion> tuning,
      List<LabelledQuestion> heldOut, int negativesOnly) {}

  /** Labels the stored feedback of {@code collection}. */
  public Labelled labelled(String collection) {
    List<LabelledQuestion> labels = FeedbackLabels.from(store.events(collection),
        loop.heldOutFraction());
    List<LabelledQuestion> tuning = new ArrayList<>();
    List<LabelledQuestion> heldOut = new ArrayList<>();
    int negatives = 0;
    for (LabelledQuestion q : labels) {
      if (!q.hasPositive()) {
        negatives++;
      } else if (q.heldOut()) {
        heldOut.add(q);
      } else {
        tuning.add(q);
      }
    }
    return new Labelled(labels, tuning, heldOut, negatives);
  }

  /** Labelled questions as evaluation questions, their answer the confirmed one. */
  public static List<EvalQuestion> asEval(List<LabelledQuestion> questions) {
    return questions.stream().map(q -> new EvalQuestion("fb-" + q.firstEventId(), q.question(),
        List.of(q.positive()))).toList();
  }

  /**
   * Labelled questions as evaluation questions with incomplete judgments: qa-service scores
   * the first answer the feedback confirmed or rejected (see qa-service's JudgedAnswer). The
   * graph gate reads these, since a graph question often has many right answers and feedback
   * confirms only the one it was shown.
   */
  public static List<EvalQuestion> asJudged(List<LabelledQuestion> questions) {
    return questions.stream().map(q -> new EvalQuestion("fb-" + q.firstEventId(), q.question(),
        List.of(q.positive()), q.negatives())).toList();
  }

  /** At most {@code max} of {@code items}, a sample seeded by {@code seed}, in input order. */
  public static <T> List<T> sample(List<T> items, int max, long seed) {
    if (items.size() <= max) {
      return items;
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      idx.add(i);
    }
    Collections.shuffle(idx, new Random(seed));
    List<Integer> kept = new ArrayList<>(idx.subList(0, max));
    Collections.sort(kept);
    return kept.stream().map(items::get).toList();
  }

  /** The anchor questions of a retune of {@code collection}: none unless it is the anchor's. */
  public List<EvalQuestion> anchors(String collection) {
    FeedbackConfig.Retune r = loop.retune();
    if (r.anchorQuestions().isEmpty() || !r.anchorCollection().equals(collection)
        || r.anchorSize() <= 0) {
      return List.of();
    }
    Path file = r.anchorQuestions().get();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("anchor questions " + file + " do not exist"
          + " (odqa.loop.retune.anchor-questions)");
    }
    List<EvalQuestion> all = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = mapper.readTree(line);
        List<String> answers = new ArrayList<>();
        n.path("answers").forEach(a -> answers.add(a.asText()));
        if (!answers.isEmpty()) {
          all.add(new EvalQuestion("anchor-" + n.path("id").asText(String.valueOf(all.size())),
              n.path("question").asText(), answers));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("anchor questions " + file + " unreadable", e);
    }
    return sample(all, r.anchorSize(), ANCHOR_SEED);
  }
}
