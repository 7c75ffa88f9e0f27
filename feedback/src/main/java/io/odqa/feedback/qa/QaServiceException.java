package io.odqa.feedback.qa;

/** qa-service could not be reached, or refused a call; the message says which and why. */
public final class QaServiceException extends RuntimeException {
  public QaServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
