package io.odqa.core.model;

import java.util.Set;

/**
 * A user's verdict on an answer, as it travels on the feedback topic. {@code eventId} makes
 * delivery idempotent: the store keeps the first event with a given id and ignores repeats.
 *
 * @param eventId client- or server-assigned unique id
 * @param collection collection the question was asked against
 * @param question the question as asked
 * @param answer the answer text the user judged
 * @param verdict one of {@link #VERDICTS}
 * @param passageId passage the answer came from, or null
 * @param correctAnswer the answer the user says is right, or null
 * @param configVersion pipeline config that produced the answer, or null
 * @param modelVersion reader model that produced the answer, or null
 * @param timestampMillis when the user gave the feedback, epoch milliseconds
 * @param schemaVersion version of this event's schema, from 1 to {@link #SCHEMA_VERSION}; absent
 *     means 1 (events written before the field existed)
 */
public record FeedbackEvent(
    String eventId,
    String collection,
    String question,
    String answer,
    String verdict,
    String passageId,
    String correctAnswer,
    String configVersion,
    String modelVersion,
    long timestampMillis,
    Integer schemaVersion) {

  /** Legal verdicts. */
  public static final Set<String> VERDICTS = Set.of("correct", "incorrect", "partial");
  /** The schema version this code writes and the newest it reads. */
  public static final int SCHEMA_VERSION = 1;
  /** Longest accepted question, answer or correction, in characters. */
  public static final int MAX_TEXT = 4_000;

  public FeedbackEvent {
    Checks.requireText("eventId", eventId);
    Checks.requireRange("eventId.length", eventId.length(), 1, 200);
    new CollectionName(collection);
    Checks.requireText("question", question);
    Checks.requireRange("question.length", question.length(), 1, MAX_TEXT);
    Checks.requireText("answer", answer);
    Checks.requireRange("answer.length", answer.length(), 1, MAX_TEXT);
    if (verdict == null || !VERDICTS.contains(verdict)) {
      throw new IllegalArgumentException(
          "verdict must be one of " + VERDICTS.stream().sorted().toList() + ", got "
              + (verdict == null ? "null" : "\"" + verdict + "\""));
    }
    if (correctAnswer != null) {
      Checks.requireRange("correctAnswer.length", correctAnswer.length(), 0, MAX_TEXT);
    }
    Checks.requireRange("timestampMillis", (double) timestampMillis, 0, Long.MAX_VALUE);
    if (schemaVersion == null) {
      schemaVersion = 1;
    }
    Checks.requireRange("schemaVersion", schemaVersion, 1, SCHEMA_VERSION);
  }

  /** An event of the current schema version. */
  public FeedbackEvent(String eventId, String collection, String question, String answer,
      String verdict, String passageId, String correctAnswer, String configVersion,
      String modelVersion, long timestampMillis) {
    this(eventId, collection, question, answer, verdict, passageId, correctAnswer, configVersion,
        modelVersion, timestampMillis, SCHEMA_VERSION);
  }
}
