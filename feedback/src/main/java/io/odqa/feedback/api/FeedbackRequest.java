package io.odqa.feedback.api;

import io.odqa.core.model.FeedbackEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/feedback}. Send the same {@code eventId} again to retry safely:
 * the event is stored once.
 *
 * @param eventId unique id chosen by the client; the server assigns one when absent
 * @param collection collection the question was asked against; {@code default} when absent
 * @param question the question as asked
 * @param answer the answer the user judged
 * @param verdict {@code correct}, {@code incorrect} or {@code partial}
 * @param passageId the answer's passage, if any
 * @param correctAnswer the right answer according to the user, if given
 * @param configVersion the pipeline config that answered, from the ask response
 * @param modelVersion the reader model that answered, from the ask response
 */
public record FeedbackRequest(
    @Size(min = 1, max = 200, message = "eventId must have 1 to 200 characters") String eventId,
    String collection,
    @NotBlank(message = "question must be a non-blank string")
    @Size(max = FeedbackEvent.MAX_TEXT, message = "question must be at most 4000 characters")
    String question,
    @NotBlank(message = "answer must be a non-blank string")
    @Size(max = FeedbackEvent.MAX_TEXT, message = "answer must be at most 4000 characters")
    String answer,
    @NotBlank(message = "verdict must be one of [correct, incorrect, partial]")
    @Pattern(regexp = "correct|incorrect|partial",
        message = "verdict must be one of [correct, incorrect, partial]")
    String verdict,
    String passageId,
    @Size(max = FeedbackEvent.MAX_TEXT, message = "correctAnswer must be at most 4000 characters")
    String correctAnswer,
    String configVersion,
    String modelVersion) {}
