package io.odqa.tuner.sampler.tpe;

import java.util.SplittableRandom;

/**
 * The standard normal distribution in plain Java: density, CDF, quantile, truncated sampling and
 * the probability mass of an interval, accurate to about 1e-15 in the range TPE uses.
 *
 * <p>erf uses the all-positive series {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_n (2x^2)^n x /
 * (2n+1)!!} (Abramowitz and Stegun 7.1.6), free of cancellation; erfc for {@code x >= 2.5} uses the
 * Laplace continued fraction (A&amp;S 7.1.14) evaluated by the modified Lentz method. The quantile
 * starts from Acklam's rational approximation and takes one Halley step.
 */
final class NormalMath {
  static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT2 = Math.sqrt(2);
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
  private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02,
      -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02,
      -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
  private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01,
      -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01,
      2.445134137142996e+00, 3.754408661907416e+00};

  private NormalMath() {}

  /** {@code ln phi(z)}. */
  static double logPdf(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** {@code Phi(z) = P(Z <= z)}. */
  static double cdf(double z) {
    return 0.5 * erfc(-z / SQRT2);
  }

  /** The complementary error function. */
  static double erfc(double x) {
    if (x < 0) {
      return 2 - erfc(-x);
    }
    if (x < 2.5) {
      return 1 - erfSeries(x);
    }
    if (x > 27) {
      return 0;
    }
    return Math.exp(-x * x) / (Math.sqrt(Math.PI) * laplaceFraction(x));
  }

  private static double erfSeries(double x) {
    double term = x;
    double sum = x;
    double twoX2 = 2 * x * x;
    for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= twoX2 / (2 * n + 1);
      sum += term;
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
  }

  /** {@code x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))}, the continued fraction of erfc. */
  private static double laplaceFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = f;
    double d = 0;
    for (int k = 1; k < 500; k++) {
      double a = 0.5 * k;
      d = x + a * d;
      c = x + a / c;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return f;
  }

  /** The quantile {@code Phi^-1(p)} for {@code 0 < p < 1}. */
  static double ppf(double p) {
    if (p <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    double x = acklam(p);
    double e = cdf(x) - p;
    double u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
    return x - u / (1 + 0.5 * x * u);
  }

  private static double acklam(double p) {
    double low = 0.02425;
    if (p < low || p > 1 - low) {
      double q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
      double x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
          / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
      return p < low ? x : -x;
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
        / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }

  /** {@code ln(Phi(b) - Phi(a))} for {@code a < b}, computed on the side that keeps precision. */
  static double logMass(double a, double b) {
    double mass = a > 0 ? cdf(-a) - cdf(-b) : cdf(b) - cdf(a);
    if (mass > 1e-300) {
      return Math.log(mass);
    }
    // Far in one tail both CDFs round to the same number: the midpoint rule is then exact enough.
    return logPdf(0.5 * (a + b)) + Math.log(b - a);
  }

  /** A draw from {@code N(mu, sigma)} truncated to {@code [low, high]}, by inverting the CDF. */
  static double sampleTruncated(double mu, double sigma, double low, double high,
      SplittableRandom rng) {
    double a = (low - mu) / sigma;
    double b = (high - mu) / sigma;
    double u = rng.nextDouble();
    double z;
    if (a > 0) {
      // Upper tail: invert the survival function, where the CDF would round to 1.
      double sa = cdf(-a);
      double sb = cdf(-b);
      z = -ppf(sa - u * (sa - sb));
    } else {
      double fa = cdf(a);
      z = ppf(fa + u * (cdf(b) - fa));
    }
    double x = mu + sigma * z;
    return Math.min(high, Math.max(low, Double.isNaN(x) ? mu : x));
  }
}
