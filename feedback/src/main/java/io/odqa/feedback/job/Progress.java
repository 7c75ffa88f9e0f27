package io.odqa.feedback.job;

/** How a running job reports what it is doing; cheap to call often. */
public interface Progress {
  /** Now in {@code stage}, {@code done} of {@code total} steps. */
  void report(String stage, long done, long total);

  /** Whether the service is stopping and the job should end at the next step. */
  boolean cancelled();
}
