package io.odqa.qa.read;

/**
 * The reader cannot take this request now: its queue is full, or the request waited longer
 * than the queue allows. Clients get {@code 503} with {@code Retry-After}, never an
 * out-of-memory failure.
 */
public class ReaderBusyException extends RuntimeException {
  private final long retryAfterSeconds;

  public ReaderBusyException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  /** Whole seconds after which a retry is likely to be admitted, at least 1. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
