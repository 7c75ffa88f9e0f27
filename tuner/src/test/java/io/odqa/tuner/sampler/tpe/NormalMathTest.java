package io.odqa.tuner.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalMathTest {

  @Test
  void cdfMatchesReferenceValues() {
    // Reference values: scipy.stats.norm.cdf / sf.
    assertEquals(0.5, NormalMath.cdf(0), 1e-16);
    assertEquals(0.8413447460685429, NormalMath.cdf(1), 1e-15);
    assertEquals(0.9772498680518208, NormalMath.cdf(2), 1e-15);
    assertEquals(0.0013498980316300946, NormalMath.cdf(-3), 2e-16);
    assertEquals(2.866515718791939e-07, NormalMath.cdf(-5), 1e-20);
    assertEquals(7.61985302416047e-24, NormalMath.cdf(-10), 1e-36);
    assertEquals(0.9937903346742238, NormalMath.cdf(2.5), 1e-15);
  }

  @Test
  void ppfInvertsCdf() {
    for (double p : new double[] {1e-12, 1e-6, 0.01, 0.02425, 0.3, 0.5, 0.7, 0.975, 0.999999}) {
      double x = NormalMath.ppf(p);
      assertEquals(p, NormalMath.cdf(x), 1e-12 * Math.max(p, 1e-3), "p=" + p);
    }
    assertEquals(1.959963984540054, NormalMath.ppf(0.975), 1e-12);
  }

  @Test
  void truncatedSamplesHaveTheTruncatedMean() {
    // N(0, 1) truncated to [-1, 2]: mean = (phi(-1) - phi(2)) / (Phi(2) - Phi(-1)).
    SplittableRandom rng = new SplittableRandom(7);
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double x = NormalMath.sampleTruncated(0, 1, -1, 2, rng);
      assertTrue(x >= -1 && x <= 2);
      sum += x;
    }
    double phiM1 = Math.exp(NormalMath.logPdf(-1));
    double phi2 = Math.exp(NormalMath.logPdf(2));
    double mean = (phiM1 - phi2) / (NormalMath.cdf(2) - NormalMath.cdf(-1));
    assertEquals(mean, sum / n, 0.01);
  }

  @Test
  void logMassIsAccurateInBothTails() {
    assertEquals(Math.log(NormalMath.cdf(1) - NormalMath.cdf(-1)), NormalMath.logMass(-1, 1),
        1e-14);
    // P(8 < Z < 9) = sf(8) - sf(9) = 6.220960574271785e-16 - 1.1285884059538408e-19
    assertEquals(Math.log(6.220960574271785e-16 - 1.1285884059538408e-19),
        NormalMath.logMass(8, 9), 1e-9);
    assertEquals(NormalMath.logMass(8, 9), NormalMath.logMass(-9, -8), 1e-9);
  }
}
