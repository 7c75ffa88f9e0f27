package io.odqa.tuner.space;

/**
 * A real parameter in {@code [low, high]}, searched on a log scale when {@code log} is set.
 *
 * @param low the smallest value, finite (and {@code > 0} when {@code log})
 * @param high the largest value, finite and {@code > low}
 * @param log whether the sampler works with {@code ln(x)}
 */
public record FloatDistribution(double low, double high, boolean log) implements Distribution {

  /** Validates the bounds; the message names the bad value and the legal range. */
  public FloatDistribution {
    if (!Double.isFinite(low)) {
      throw new IllegalArgumentException("low must be a finite number, got " + low);
    }
    if (!Double.isFinite(high) || !(high > low)) {
      throw new IllegalArgumentException("high must be > low = " + low + ", got " + high);
    }
    if (log && !(low > 0)) {
      throw new IllegalArgumentException("low must be > 0 when log is true, got " + low);
    }
  }

  @Override
  public double toInternal(Object external) {
    if (!contains(external)) {
      throw new IllegalArgumentException(
          "value must be a number in [" + low + ", " + high + "], got " + external);
    }
    return ((Number) external).doubleValue();
  }

  @Override
  public Object toExternal(double internal) {
    if (!(internal >= low && internal <= high)) {
      throw new IllegalArgumentException(
          "internal value must be in [" + low + ", " + high + "], got " + internal);
    }
    return internal;
  }

  @Override
  public boolean contains(Object external) {
    if (!(external instanceof Number number)) {
      return false;
    }
    double value = number.doubleValue();
    return value >= low && value <= high;
  }
}
