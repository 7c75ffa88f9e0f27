package io.odqa.tuner.space;

/** A search-space file that is not valid; the message starts with the path of the bad field. */
public final class SearchSpaceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** With the complete message, e.g. {@code parameters[2].high must be > low = 5.0, got 1.0}. */
  public SearchSpaceException(String message) {
    super(message);
  }
}
