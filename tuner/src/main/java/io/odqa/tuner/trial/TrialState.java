package io.odqa.tuner.trial;

/** The life cycle of a trial: asked, then told a value or told it failed. */
public enum TrialState {
  /** Asked and not yet told; counts as a bad result for the TPE constant liar. */
  RUNNING,
  /** Told a finite value. */
  COMPLETE,
  /** Told it failed, or its heartbeat went stale; samplers ignore it. */
  FAILED;

  /** True for COMPLETE and FAILED. */
  public boolean isFinished() {
    return this != RUNNING;
  }
}
