package io.odqa.tuner.sampler.tpe;

import io.odqa.tuner.space.CategoricalDistribution;
import io.odqa.tuner.space.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A Parzen estimator over a group of parameters: a weighted mixture of product kernels, one per
 * observation plus a prior kernel (Bergstra et al. 2011, section 4; Optuna's {@code _ParzenEstimator}).
 * The mixture weights are the weights function's values for the observations (oldest first) and
 * {@code priorWeight} for the prior, normalised. With one parameter this is the univariate
 * estimator; with several, kernel {@code k} is the same observation in every dimension, which makes
 * it Optuna's multivariate TPE (Falkner et al. 2018).
 */
final class ParzenEstimator {
  private final List<KernelDimension> dimensions;
  private final double[] logWeights;
  private final double[] cumulative;

  private ParzenEstimator(List<KernelDimension> dimensions, double[] weights) {
    this.dimensions = dimensions;
    this.logWeights = new double[weights.length];
    this.cumulative = new double[weights.length];
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double running = 0;
    for (int k = 0; k < weights.length; k++) {
      logWeights[k] = Math.log(weights[k] / total);
      running += weights[k] / total;
      cumulative[k] = running;
    }
  }

  /**
   * Builds the estimator of {@code group} from {@code observations[i][j]}, the kernel coordinate of
   * parameter {@code j} in observation {@code i}, oldest observation first.
   */
  static ParzenEstimator fit(List<Parameter> group, double[][] observations, TpeSettings settings) {
    int n = observations.length;
    List<KernelDimension> dimensions = new ArrayList<>(group.size());
    for (int j = 0; j < group.size(); j++) {
      dimensions.add(dimension(group.get(j), column(observations, j), group.size(), settings));
    }
    double[] weights;
    if (n == 0) {
      weights = new double[] {1.0};
    } else {
      double[] observationWeights = settings.weights().apply(n);
      weights = java.util.Arrays.copyOf(observationWeights, n + 1);
      weights[n] = settings.priorWeight();
    }
    return new ParzenEstimator(dimensions, weights);
  }

  private static KernelDimension dimension(Parameter p, double[] xs, int groupSize,
      TpeSettings settings) {
    if (p.distribution() instanceof CategoricalDistribution c) {
      int[] observed = new int[xs.length];
      for (int i = 0; i < xs.length; i++) {
        observed[i] = (int) xs[i];
      }
      return new CategoricalKernels(observed, c.choices().size(), settings.priorWeight());
    }
    NumericScale scale = NumericScale.of(p.distribution());
    double[] sigmas;
    if (!settings.multivariate()) {
      sigmas = Bandwidths.univariate(xs, scale.low(), scale.high(), settings.considerEndpoints());
    } else if (settings.bandwidthRule() == BandwidthRule.SCOTT) {
      sigmas = Bandwidths.scott(xs, groupSize, scale.low(), scale.high());
    } else {
      sigmas = Bandwidths.multivariate(xs.length, groupSize, scale.low(), scale.high());
    }
    Bandwidths.clip(sigmas, scale.low(), scale.high(), settings.considerMagicClip());
    return new NumericKernels(scale, xs, sigmas, settings.optuna31Density());
  }

  private static double[] column(double[][] rows, int j) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][j];
    }
    return out;
  }

  /** {@code count} draws; row {@code i} holds one kernel coordinate per parameter. */
  double[][] sample(SplittableRandom rng, int count) {
    double[][] out = new double[count][dimensions.size()];
    for (int i = 0; i < count; i++) {
      int kernel = pickKernel(rng.nextDouble());
      for (int j = 0; j < dimensions.size(); j++) {
        out[i][j] = dimensions.get(j).sample(kernel, rng);
      }
    }
    return out;
  }

  private int pickKernel(double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** {@code ln} of the mixture density (or mass, for discrete dimensions) at {@code x}. */
  double logPdf(double[] x, double[] scratch) {
    System.arraycopy(logWeights, 0, scratch, 0, logWeights.length);
    for (int j = 0; j < dimensions.size(); j++) {
      dimensions.get(j).addLogDensity(x[j], scratch);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logWeights.length; k++) {
      max = Math.max(max, scratch[k]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int k = 0; k < logWeights.length; k++) {
      sum += Math.exp(scratch[k] - max);
    }
    return max + Math.log(sum);
  }

  /** The number of kernels, the prior included (the size {@link #logPdf} needs for scratch). */
  int kernels() {
    return logWeights.length;
  }
}
