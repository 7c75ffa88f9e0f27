package io.odqa.feedback.promote;

import java.util.SplittableRandom;

/**
 * Percentile bootstrap of the mean paired difference {@code candidate - champion} (Efron and
 * Tibshirani, 1993, ch. 13; the paired form of Koehn, 2004, for MT significance): resample the
 * questions with replacement, keeping each question's two scores together, and take the 2.5th
 * and 97.5th percentiles of the resampled mean differences.
 */
public final class PairedBootstrap {
  private PairedBootstrap() {}

  /**
   * The interval.
   *
   * @param delta the observed mean difference
   * @param low the lower bound of the interval
   * @param high the upper bound of the interval
   */
  public record Interval(double delta, double low, double high) {}

  /** The 95% interval of {@code mean(candidate - champion)} from {@code resamples} draws. */
  public static Interval interval(double[] champion, double[] candidate, int resamples, long seed) {
    if (champion.length != candidate.length) {
      throw new IllegalArgumentException("scores must be paired: " + champion.length
          + " champion scores against " + candidate.length + " candidate scores");
    }
    if (champion.length == 0) {
      throw new IllegalArgumentException("scores must not be empty");
    }
    if (resamples < 100) {
      throw new IllegalArgumentException("resamples must be at least 100, got " + resamples);
    }
    int n = champion.length;
    double[] diff = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      diff[i] = candidate[i] - champion[i];
      sum += diff[i];
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] means = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += diff[rng.nextInt(n)];
      }
      means[b] = s / n;
    }
    java.util.Arrays.sort(means);
    return new Interval(sum / n, percentile(means, 0.025), percentile(means, 0.975));
  }

  /** Linear interpolation between closest ranks of sorted {@code v}. */
  static double percentile(double[] v, double q) {
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, v.length - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }
}
