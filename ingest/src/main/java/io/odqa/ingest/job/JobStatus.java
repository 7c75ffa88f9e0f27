package io.odqa.ingest.job;

import com.fasterxml.jackson.annotation.JsonValue;

/** Life cycle of a job: queued, then running, then done or failed. */
public enum JobStatus {
  QUEUED, RUNNING, DONE, FAILED;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }

  /** True for a job that still has work to do. */
  public boolean unfinished() {
    return this == QUEUED || this == RUNNING;
  }
}
