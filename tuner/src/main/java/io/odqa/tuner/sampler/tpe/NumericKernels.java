package io.odqa.tuner.sampler.tpe;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Truncated normal kernels of one numerical dimension: one per observation plus the prior
 * {@code N((low + high) / 2, high - low)}, all truncated to the scale's support (Optuna 3.1's
 * {@code _ParzenEstimator._calculate_numerical_params}, {@code prior_mu = 0.5 * (low + high)},
 * {@code prior_sigma = 1.0 * (high - low)}; densities as in its {@code log_pdf}: the truncated
 * normal density, or for a linear int the mass of the value's bin). Per-kernel constants are
 * precomputed so the density loop runs over primitive arrays.
 */
final class NumericKernels implements KernelDimension {
  private final NumericScale scale;
  private final double[] mus;
  private final double[] sigmas;
  private final double[] invSigmas;
  private final double[] logZ;
  private final double[] offsets;

  /**
   * @param scale the parameter's scale
   * @param observations kernel coordinates of the observations
   * @param observationSigmas their bandwidths, already clipped
   * @param optuna31Density leave {@code -ln sigma} out of the density, as Optuna 3.1 to 3.4 do
   *     ({@link TpeSettings#withOptuna31Density})
   */
  NumericKernels(NumericScale scale, double[] observations, double[] observationSigmas,
      boolean optuna31Density) {
    int n = observations.length;
    this.scale = scale;
    this.mus = Arrays.copyOf(observations, n + 1);
    this.sigmas = Arrays.copyOf(observationSigmas, n + 1);
    mus[n] = 0.5 * (scale.low() + scale.high());
    sigmas[n] = scale.high() - scale.low();
    this.invSigmas = new double[n + 1];
    this.logZ = new double[n + 1];
    this.offsets = new double[n + 1];
    for (int k = 0; k <= n; k++) {
      invSigmas[k] = 1 / sigmas[k];
      logZ[k] = NormalMath.logMass((scale.low() - mus[k]) * invSigmas[k],
          (scale.high() - mus[k]) * invSigmas[k]);
      offsets[k] = -NormalMath.LOG_SQRT_2PI - (optuna31Density ? 0 : Math.log(sigmas[k])) - logZ[k];
    }
  }

  @Override
  public double sample(int kernel, SplittableRandom rng) {
    double x = NormalMath.sampleTruncated(mus[kernel], sigmas[kernel], scale.low(), scale.high(),
        rng);
    return scale.snap(x);
  }

  @Override
  public void addLogDensity(double x, double[] acc) {
    if (!scale.discrete()) {
      for (int k = 0; k < mus.length; k++) {
        double z = (x - mus[k]) * invSigmas[k];
        acc[k] += offsets[k] - 0.5 * z * z;
      }
      return;
    }
    double lb = Math.max(scale.low(), scale.binLow(x));
    double ub = Math.min(scale.high(), scale.binHigh(x));
    for (int k = 0; k < mus.length; k++) {
      acc[k] += NormalMath.logMass((lb - mus[k]) * invSigmas[k], (ub - mus[k]) * invSigmas[k])
          - logZ[k];
    }
  }
}
