package io.odqa.feedback.stream;

/** A message on the feedback topic is not a valid event; it goes to the dead-letter topic. */
public final class InvalidFeedbackException extends RuntimeException {
  public InvalidFeedbackException(String message, Throwable cause) {
    super(message, cause);
  }
}
