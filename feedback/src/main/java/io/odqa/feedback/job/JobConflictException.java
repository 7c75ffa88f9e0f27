package io.odqa.feedback.job;

/** A job of the same kind is already queued or running; at most one runs at a time. */
public final class JobConflictException extends RuntimeException {
  private final String activeId;

  public JobConflictException(String kind, String activeId) {
    super("a " + kind + " job is already active: " + activeId);
    this.activeId = activeId;
  }

  /** The active job's id. */
  public String activeId() {
    return activeId;
  }
}
