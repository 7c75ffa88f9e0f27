package io.odqa.tuner.space;

/**
 * An integer parameter on the grid {@code low, low + step, ..., high}, searched on a log scale
 * when {@code log} is set (then {@code step} must be 1, as in Optuna).
 *
 * @param low the smallest value ({@code >= 1} when {@code log})
 * @param high the largest value, {@code > low} and on the grid
 * @param step the grid spacing, {@code >= 1}
 * @param log whether the sampler works with {@code ln(x)}
 */
public record IntDistribution(long low, long high, long step, boolean log) implements Distribution {

  /** Validates the grid; the message names the bad value and the legal range. */
  public IntDistribution {
    if (high <= low) {
      throw new IllegalArgumentException("high must be > low = " + low + ", got " + high);
    }
    if (step < 1) {
      throw new IllegalArgumentException("step must be >= 1, got " + step);
    }
    if ((high - low) % step != 0) {
      throw new IllegalArgumentException("high must be low + k * step = " + low + " + k * "
          + step + " (e.g. " + (low + (high - low) / step * step) + "), got " + high);
    }
    if (log && step != 1) {
      throw new IllegalArgumentException("step must be 1 when log is true, got " + step);
    }
    if (log && low < 1) {
      throw new IllegalArgumentException("low must be >= 1 when log is true, got " + low);
    }
  }

  @Override
  public double toInternal(Object external) {
    if (!contains(external)) {
      throw new IllegalArgumentException("value must be an integer in [" + low + ", " + high
          + "] with step " + step + ", got " + external);
    }
    return ((Number) external).doubleValue();
  }

  @Override
  public Object toExternal(double internal) {
    long value = Math.round(internal);
    if (value != internal || !onGrid(value)) {
      throw new IllegalArgumentException("internal value must be an integer in [" + low + ", "
          + high + "] with step " + step + ", got " + internal);
    }
    return value;
  }

  @Override
  public boolean contains(Object external) {
    if (!(external instanceof Number number)) {
      return false;
    }
    double value = number.doubleValue();
    return value == Math.rint(value) && onGrid((long) value);
  }

  private boolean onGrid(long value) {
    return value >= low && value <= high && (value - low) % step == 0;
  }
}
