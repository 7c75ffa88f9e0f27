package io.odqa.tuner.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link BandwidthRule#SCOTT}: exact bandwidths and densities, validation, and its effect. */
class ScottBandwidthTest {
  private static final Parameter X = Parameter.of("x", new FloatDistribution(0, 1, false));
  private static final double[] EIGHT = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

  @Test
  void bandwidthIsTheSampleSpreadWithThePriorMeanTimesScottsFactor() {
    // Points 0.2, 0.4 and the prior mean 0.5: numpy std(ddof=1) = 0.15275252316519466, times
    // 3^(-1/6) for d = 2 is 0.1271944563841056.
    assertArrayEquals(new double[] {0.1271944563841056, 0.1271944563841056},
        Bandwidths.scott(new double[] {0.2, 0.4}, 2, 0, 1), 1e-15);
    assertEquals(0, Bandwidths.scott(new double[0], 2, 0, 1).length);
    // All at the prior mean: no spread; the magic clip then sets 1 / min(100, 3 + 2).
    double[] flat = Bandwidths.scott(new double[] {0.5, 0.5, 0.5}, 1, 0, 1);
    assertArrayEquals(new double[] {0, 0, 0}, flat, 0);
    Bandwidths.clip(flat, 0, 1, true);
    assertArrayEquals(new double[] {0.2, 0.2, 0.2}, flat, 1e-15);
  }

  @Test
  void estimatorDensityUsesTheRule() {
    // Eight observations 0.1..0.8 on [0, 1], weights 1, prior N(0.5, 1): Scott sigma
    // 0.14803930863336048, Optuna sigma 0.2 * 8^(-1/5) = 0.13195079107728944 (both above the clip
    // 0.1). Reference: scipy logsumexp(log(1/9) + truncnorm.logpdf(0.45, ...)) per rule.
    double[][] rows = new double[EIGHT.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {EIGHT[i]};
    }
    TpeSettings optuna = TpeSettings.defaults().withMultivariate(true, false);
    double[] scratch = new double[EIGHT.length + 1];
    double scott = ParzenEstimator.fit(List.of(X), rows, TpeSettings.multivariateScott())
        .logPdf(new double[] {0.45}, scratch);
    double fixed = ParzenEstimator.fit(List.of(X), rows, optuna)
        .logPdf(new double[] {0.45}, scratch);
    assertEquals(0.21697774999377928, scott, 1e-12);
    assertEquals(0.211381824505948, fixed, 1e-12);
  }

  @Test
  void settingsValidateTheRule() {
    TpeSettings mv = TpeSettings.multivariateScott();
    assertEquals(BandwidthRule.SCOTT, mv.bandwidthRule());
    assertTrue(mv.multivariate());
    assertEquals(BandwidthRule.OPTUNA, TpeSettings.defaults().bandwidthRule());
    IllegalArgumentException univariate = assertThrows(IllegalArgumentException.class,
        () -> TpeSettings.defaults().withBandwidthRule(BandwidthRule.SCOTT));
    assertTrue(univariate.getMessage().contains("bandwidthRule SCOTT"), univariate.getMessage());
    assertThrows(IllegalArgumentException.class, () -> mv.withMultivariate(false, false));
    assertThrows(IllegalArgumentException.class, () -> mv.withBandwidthRule(null));
  }

  @Test
  void proposalsStayCloserToATightClusterOfGoodTrials() {
    // 200 trials: the 20 best sit within 0.02 of (0.3, 0.7), the rest are spread uniformly. The
    // 20 good ones have a spread far below Optuna's fixed 0.2 * 20^(-1/6) = 0.12, so l(x) is
    // narrower under Scott's rule and proposals land nearer the cluster.
    SearchSpace space = new SearchSpace(List.of(X,
        Parameter.of("y", new FloatDistribution(0, 1, false))));
    List<Trial> history = new ArrayList<>();
    SplittableRandom data = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      boolean good = i % 10 == 0;
      double x = good ? 0.3 + 0.02 * (2 * data.nextDouble() - 1) : data.nextDouble();
      double y = good ? 0.7 + 0.02 * (2 * data.nextDouble() - 1) : data.nextDouble();
      double value = good ? data.nextDouble() : 1 + data.nextDouble();
      history.add(Trial.running(i, Map.of("x", x, "y", y), 0).complete(value));
    }
    double scott = meanDistance(new TpeSampler(TpeSettings.multivariateScott()), space, history);
    double fixed = meanDistance(
        new TpeSampler(TpeSettings.defaults().withMultivariate(true, false)), space, history);
    assertTrue(scott < 0.75 * fixed, "Scott " + scott + " vs Optuna " + fixed);
  }

  private static double meanDistance(TpeSampler sampler, SearchSpace space, List<Trial> history) {
    double total = 0;
    for (int seed = 0; seed < 50; seed++) {
      Map<String, Object> p = sampler.sample(space, history, Direction.MINIMIZE,
          new SplittableRandom(seed));
      double x = (Double) p.get("x");
      double y = (Double) p.get("y");
      assertTrue(x >= 0 && x <= 1 && y >= 0 && y <= 1, "out of bounds: " + p);
      total += Math.hypot(x - 0.3, y - 0.7);
    }
    return total / 50;
  }
}
