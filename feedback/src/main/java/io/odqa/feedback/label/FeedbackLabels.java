package io.odqa.feedback.label;

import io.odqa.core.model.FeedbackEvent;
import io.odqa.reader.read.SquadMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns feedback events into {@link LabelledQuestion}s.
 *
 * <p>Conflicting verdicts on one question (same collection, same text up to case and spacing)
 * are settled by votes per answer (in SQuAD normal form): a {@code correct} verdict is +1 for
 * the answer shown; an {@code incorrect} one is −1 for it, and when it carries {@code
 * correctAnswer}, +1 for that answer; {@code partial} casts no vote. The positive is the answer
 * with the most votes, if above zero; a tie goes to the answer voted for most recently, so a
 * user's later correction beats an earlier confirmation only when it is not outvoted. Answers
 * below zero are negatives.
 *
 * <p>The split hashes the id of the question's first event (SHA-256, first 8 bytes as a fraction
 * of 2^64): deterministic, independent of arrival order after the first event, and the same for
 * every later event of the question.
 */
public final class FeedbackLabels {
  private FeedbackLabels() {}

  /** The labelled questions of {@code events}, sorted by collection then question. */
  public static List<LabelledQuestion> from(List<FeedbackEvent> events, double heldOutFraction) {
    if (!(heldOutFraction >= 0 && heldOutFraction <= 1)) {
      throw new IllegalArgumentException("heldOutFraction must be in [0, 1], got " + heldOutFraction);
    }
    Map<String, List<FeedbackEvent>> byQuestion = new TreeMap<>();
    for (FeedbackEvent e : events) {
      byQuestion.computeIfAbsent(e.collection() + "\u0000" + key(e.question()),
          k -> new ArrayList<>()).add(e);
    }
    List<LabelledQuestion> out = new ArrayList<>(byQuestion.size());
    for (List<FeedbackEvent> group : byQuestion.values()) {
      group.sort(Comparator.comparingLong(FeedbackEvent::timestampMillis)
          .thenComparing(FeedbackEvent::eventId));
      out.add(label(group, heldOutFraction));
    }
    return out;
  }

  /** A question's grouping key: lower case, spacing collapsed. */
  static String key(String question) {
    return question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static LabelledQuestion label(List<FeedbackEvent> group, double heldOutFraction) {
    Map<String, Tally> tallies = new HashMap<>();
    for (int i = 0; i < group.size(); i++) {
      FeedbackEvent e = group.get(i);
      switch (e.verdict()) {
        case "correct" -> tally(tallies, e.answer(), i).vote(+1, e.passageId());
        case "incorrect" -> {
          tally(tallies, e.answer(), i).vote(-1, null);
          if (e.correctAnswer() != null && !e.correctAnswer().isBlank()) {
            tally(tallies, e.correctAnswer(), i).vote(+1, e.passageId());
          }
        }
        default -> { }
      }
    }
    Tally best = tallies.values().stream().filter(t -> t.votes > 0)
        .max(Comparator.comparingInt((Tally t) -> t.votes).thenComparingInt(t -> t.lastIndex)
            .thenComparing(t -> t.normal, Comparator.reverseOrder()))
        .orElse(null);
    List<String> negatives = tallies.values().stream().filter(t -> t.votes < 0)
        .map(t -> t.normal).sorted().toList();
    FeedbackEvent first = group.get(0);
    return new LabelledQuestion(first.collection(), first.question(),
        best == null ? null : best.text, negatives, best == null ? null : best.passageId,
        first.eventId(), fraction(first.eventId()) < heldOutFraction, group.size());
  }

  private static Tally tally(Map<String, Tally> tallies, String text, int index) {
    Tally t = tallies.computeIfAbsent(SquadMetrics.normalise(text), Tally::new);
    t.index = index;
    t.latestText = text.strip();
    return t;
  }

  /** {@code id}'s place in [0, 1): the first 8 bytes of its SHA-256 over 2^64. */
  static double fraction(String id) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11;
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Votes for one answer; the surface text and passage are those of its latest vote. */
  private static final class Tally {
    final String normal;
    String text;
    String latestText;
    String passageId;
    int votes;
    int index;
    int lastIndex = -1;

    Tally(String normal) {
      this.normal = normal;
    }

    void vote(int delta, String passage) {
      votes += delta;
      if (delta > 0) {
        lastIndex = index;
        text = latestText;
        if (passage != null) {
          passageId = passage;
        }
      }
    }
  }
}
