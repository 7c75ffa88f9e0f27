package io.odqa.tuner.trial;

/** Whether the study looks for the smallest or the largest objective value. */
public enum Direction {
  MINIMIZE,
  MAXIMIZE;

  /** The value as a loss: smaller is always better. */
  public double loss(double value) {
    return this == MINIMIZE ? value : -value;
  }
}
