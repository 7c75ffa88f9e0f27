package io.odqa.tuner.sampler.tpe;

import java.util.Arrays;

/**
 * Kernel bandwidths of a numerical dimension, Optuna's rules (after Bergstra et al. 2011, "Algorithms
 * for Hyper-Parameter Optimization", NeurIPS, section 4.1).
 *
 * <ul>
 *   <li>Univariate: each observation's sigma is the larger distance to its sorted neighbours, the
 *       prior mean {@code (low + high) / 2} and the interval ends taking part as neighbours; without
 *       {@code considerEndpoints}, the outermost observations use their inner neighbour only.
 *   <li>Multivariate (Scott's rule, Falkner et al. 2018, as in Optuna): {@code 0.2 * n^(-1/(d+4))
 *       * (high - low)} for all observations; or, with {@link BandwidthRule#SCOTT}, Scott's rule on
 *       the observations' standard deviation ({@link #scott}).
 *   <li>"Magic clip": sigmas are clipped to {@code [(high - low) / min(100, n + 2), high - low]}.
 * </ul>
 */
final class Bandwidths {
  private Bandwidths() {}

  /** Univariate bandwidths of {@code mus} (observations only; the prior is added by the caller). */
  static double[] univariate(double[] mus, double low, double high, boolean considerEndpoints) {
    int n = mus.length;
    double[] withPrior = Arrays.copyOf(mus, n + 1);
    withPrior[n] = 0.5 * (low + high);
    int[] rank = stableRanks(withPrior);
    double[] sortedMus = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      sortedMus[rank[i]] = withPrior[i];
    }
    double[] s = new double[n + 3];
    s[0] = low;
    for (int i = 0; i <= n; i++) {
      s[i + 1] = sortedMus[i];
    }
    s[n + 2] = high;
    double[] sorted = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
    }
    if (!considerEndpoints && s.length >= 4) {
      sorted[0] = s[2] - s[1];
      sorted[n] = s[n + 1] - s[n];
    }
    double[] sigmas = new double[n];
    for (int i = 0; i < n; i++) {
      sigmas[i] = sorted[rank[i]];
    }
    return sigmas;
  }

  /**
   * The position of each value in ascending order, equal values ranked by index (a stable sort),
   * on primitive arrays: with 1,000 trials this runs twice per parameter per ask.
   */
  static int[] stableRanks(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int[] nextFree = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      nextFree[i] = i;
    }
    int[] rank = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      int first = lowerBound(sorted, values[i]);
      rank[i] = nextFree[first]++;
    }
    return rank;
  }

  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Double.compare(sorted[mid], value) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Multivariate bandwidths for {@code n} observations of a {@code dims}-dimensional group. */
  static double[] multivariate(int n, int dims, double low, double high) {
    double sigma = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (dims + 4)) * (high - low);
    double[] sigmas = new double[n];
    Arrays.fill(sigmas, sigma);
    return sigmas;
  }

  /**
   * Scott's rule on the data for {@code mus} in a {@code dims}-dimensional group: {@code s *
   * m^(-1/(d+4))} for all observations, {@code s} the sample standard deviation (divisor {@code m -
   * 1}) of the {@code m = n + 1} points made of {@code mus} and the prior mean {@code (low + high) /
   * 2} (see {@link BandwidthRule#SCOTT}). The caller clips.
   */
  static double[] scott(double[] mus, int dims, double low, double high) {
    int n = mus.length;
    int m = n + 1;
    double prior = 0.5 * (low + high);
    double mean = prior;
    for (double mu : mus) {
      mean += mu;
    }
    mean /= m;
    double squares = (prior - mean) * (prior - mean);
    for (double mu : mus) {
      squares += (mu - mean) * (mu - mean);
    }
    double sd = n == 0 ? 0 : Math.sqrt(squares / (m - 1));
    double[] sigmas = new double[n];
    Arrays.fill(sigmas, sd * Math.pow(m, -1.0 / (dims + 4)));
    return sigmas;
  }

  /** Clips in place to {@code [minsigma, high - low]}; without magic clip minsigma is 1e-12. */
  static void clip(double[] sigmas, double low, double high, boolean magicClip) {
    double max = high - low;
    double min = magicClip ? (high - low) / Math.min(100.0, sigmas.length + 2.0) : 1e-12;
    for (int i = 0; i < sigmas.length; i++) {
      sigmas[i] = Math.min(max, Math.max(min, sigmas[i]));
    }
  }
}
