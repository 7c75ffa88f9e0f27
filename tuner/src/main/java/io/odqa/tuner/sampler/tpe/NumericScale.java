package io.odqa.tuner.sampler.tpe;

import io.odqa.tuner.space.Distribution;
import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.IntDistribution;

/**
 * A float or int parameter seen from the Parzen estimator: the coordinate the kernels live in
 * ({@code ln x} when log-scaled) and the kernels' truncation interval. As in Optuna 3.1's
 * {@code _ParzenEstimator._calculate_parzen_bounds} ({@code optuna/samplers/_tpe/parzen_estimator.py}
 * at v3.1.1), an int's interval is widened by half a step on each side ({@code [ln(low - 0.5),
 * ln(high + 0.5)]} when log-scaled), so the end points get full-width bins. Only a linear int has a
 * quantum {@code q = step}: its likelihood is the mass of its bin (3.1's {@code log_pdf}, branch
 * {@code q is not None}). A log-scaled int has {@code q = None} there: drawn values are rounded
 * ({@code _transform_from_uniform}: {@code np.round(np.exp(samples))}), but the likelihood is the
 * truncated normal density at {@code ln v}, as for a float.
 */
final class NumericScale {
  private final boolean log;
  private final boolean integer;
  private final boolean discrete;
  private final double gridLow;
  private final double gridHigh;
  private final double step;
  private final double low;
  private final double high;

  private NumericScale(boolean log, boolean integer, double gridLow, double gridHigh,
      double step) {
    this.log = log;
    this.integer = integer;
    this.discrete = integer && !log;
    this.gridLow = gridLow;
    this.gridHigh = gridHigh;
    this.step = step;
    double half = integer ? 0.5 * step : 0;
    this.low = log ? Math.log(gridLow - half) : gridLow - half;
    this.high = log ? Math.log(gridHigh + half) : gridHigh + half;
  }

  /** The scale of a float or int distribution. */
  static NumericScale of(Distribution distribution) {
    if (distribution instanceof FloatDistribution f) {
      return new NumericScale(f.log(), false, f.low(), f.high(), 0);
    }
    if (distribution instanceof IntDistribution d) {
      return new NumericScale(d.log(), true, d.low(), d.high(), d.step());
    }
    throw new IllegalArgumentException("distribution must be float or int, got " + distribution);
  }

  /** Lower end of the kernels' support, in kernel coordinates. */
  double low() {
    return low;
  }

  /** Upper end of the kernels' support, in kernel coordinates. */
  double high() {
    return high;
  }

  /** Whether the likelihood is a bin's mass (a linear int) rather than a density. */
  boolean discrete() {
    return discrete;
  }

  /** Kernel coordinate of a distribution-internal value. */
  double toKernel(double internal) {
    return log ? Math.log(internal) : internal;
  }

  /** Distribution-internal value of a kernel coordinate (snapped to the grid for an int). */
  double toInternal(double x) {
    double v = log ? Math.exp(x) : x;
    if (!integer) {
      return Math.min(gridHigh, Math.max(gridLow, v));
    }
    double snapped = gridLow + Math.rint((v - gridLow) / step) * step;
    return Math.min(gridHigh, Math.max(gridLow, snapped));
  }

  /** Snaps a kernel coordinate to the kernel coordinate of its grid point (ints only). */
  double snap(double x) {
    return integer ? toKernel(toInternal(x)) : x;
  }

  /** Lower edge of the bin of the grid point {@code x} (a linear int's). */
  double binLow(double x) {
    return x - 0.5 * step;
  }

  /** Upper edge of the bin of the grid point {@code x} (a linear int's). */
  double binHigh(double x) {
    return x + 0.5 * step;
  }
}
