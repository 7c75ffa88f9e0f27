package io.odqa.ingest.source;

import java.util.List;

/** The request as a whole cannot be accepted; carries the HTTP status and the item errors. */
public final class BadRequestException extends RuntimeException {
  private final int status;
  private final List<ItemError> errors;

  public BadRequestException(int status, String message, List<ItemError> errors) {
    super(message);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  public List<ItemError> errors() {
    return errors;
  }
}
