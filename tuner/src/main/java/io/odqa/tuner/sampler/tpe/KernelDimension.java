package io.odqa.tuner.sampler.tpe;

import java.util.SplittableRandom;

/**
 * One coordinate of a Parzen mixture: a per-kernel distribution for every kernel of the mixture (the
 * last kernel is the prior). Coordinates are kernel coordinates: {@code ln x} for log-scaled
 * numbers, the choice index for categorical.
 */
sealed interface KernelDimension permits NumericKernels, CategoricalKernels {

  /** A draw from kernel {@code kernel}. */
  double sample(int kernel, SplittableRandom rng);

  /** Adds {@code ln p_k(x)} to {@code acc[k]} for every kernel {@code k}. */
  void addLogDensity(double x, double[] acc);
}
