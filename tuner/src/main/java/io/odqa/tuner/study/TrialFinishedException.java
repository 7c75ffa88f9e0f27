package io.odqa.tuner.study;

import io.odqa.tuner.trial.TrialState;

/** A tell, or a heartbeat, for a trial that is already COMPLETE or FAILED. */
public final class TrialFinishedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** For trial {@code number} of {@code study}, already in {@code state}. */
  public TrialFinishedException(String study, int number, TrialState state) {
    super("trial " + number + " of study \"" + study + "\" must be RUNNING to be told or "
        + "heartbeated, got " + state);
  }
}
