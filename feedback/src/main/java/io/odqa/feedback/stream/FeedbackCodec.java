package io.odqa.feedback.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.FeedbackEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** JSON encoding of feedback events on the topic. */
@ApplicationScoped
public class FeedbackCodec {
  private final ObjectMapper mapper;

  FeedbackCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The JSON form of {@code event}. */
  public String encode(FeedbackEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a FeedbackEvent always serialises, but did not", e);
    }
  }

  /**
   * Parses and validates one topic message.
   *
   * @throws InvalidFeedbackException when it is not a valid event
   */
  public FeedbackEvent decode(String json) {
    try {
      return mapper.readValue(json, FeedbackEvent.class);
    } catch (JsonProcessingException e) {
      throw new InvalidFeedbackException("invalid feedback message: " + e.getOriginalMessage(), e);
    }
  }
}
