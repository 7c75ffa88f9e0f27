package io.odqa.tuner.bench;

import java.util.Arrays;

/** Quantiles with linear interpolation between order statistics (numpy's default, type 7). */
public final class Quantiles {
  private Quantiles() {}

  /** The {@code q}-quantile of {@code values}, {@code q} in [0, 1]. */
  public static double of(double[] values, double q) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1], got " + q);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The median. */
  public static double median(double[] values) {
    return of(values, 0.5);
  }

  /** The interquartile range, Q3 - Q1. */
  public static double iqr(double[] values) {
    return of(values, 0.75) - of(values, 0.25);
  }
}
