package io.odqa.feedback.console;

/**
 * One stored feedback event as the console lists it.
 *
 * @param eventId the event's id
 * @param question the question as asked
 * @param answer the answer the user judged
 * @param verdict {@code correct}, {@code incorrect} or {@code partial}
 * @param correctAnswer the right answer according to the user, or null
 * @param configVersion the pipeline config that answered, or null
 * @param modelVersion the reader model that answered, or null
 * @param collection the collection asked against
 * @param timestampMillis when the user gave it, epoch milliseconds
 */
public record FeedbackItem(String eventId, String question, String answer, String verdict,
    String correctAnswer, String configVersion, String modelVersion, String collection,
    long timestampMillis) {}
