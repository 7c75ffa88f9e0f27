package io.odqa.tuner.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.space.SearchSpaceJson;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact values of Optuna's rules on tiny inputs. */
class TpeInternalsTest {

  @Test
  void gammaAndWeightsAreOptunasDefaults() {
    assertEquals(1, TpeSettings.defaultGamma(10));
    assertEquals(10, TpeSettings.defaultGamma(100));
    assertEquals(25, TpeSettings.defaultGamma(1000));
    assertArrayEquals(new double[] {1, 1, 1}, TpeSettings.defaultWeights(3));
    double[] w = TpeSettings.defaultWeights(28); // ramp linspace(1/28, 1, 3), then 25 ones
    assertEquals(1.0 / 28, w[0], 1e-15);
    assertEquals((1.0 / 28 + 1) / 2, w[1], 1e-15);
    assertEquals(1.0, w[2], 1e-15);
    assertEquals(1.0, w[27], 0);
  }

  @Test
  void univariateBandwidthsFollowOptuna() {
    // mus [0.2, 0.5] on [0, 1], prior 0.5: sorted with ends [0, .2, .5, .5, 1]; without
    // endpoints the first sigma is .5 - .2 = .3; the second is max(.3, 0) = .3.
    double[] sigmas = Bandwidths.univariate(new double[] {0.2, 0.5}, 0, 1, false);
    assertArrayEquals(new double[] {0.3, 0.3}, sigmas, 1e-15);
    Bandwidths.clip(sigmas, 0, 1, true); // min sigma 1 / min(100, 2 + 2) = 0.25
    assertArrayEquals(new double[] {0.3, 0.3}, sigmas, 1e-15);
    double[] tight = {0.01, 2.0};
    Bandwidths.clip(tight, 0, 1, true);
    assertArrayEquals(new double[] {0.25, 1.0}, tight, 1e-15);
    assertArrayEquals(new double[] {0.2 * Math.pow(10, -1.0 / 6), 0.2 * Math.pow(10, -1.0 / 6)},
        java.util.Arrays.copyOf(Bandwidths.multivariate(10, 2, 0, 1), 2), 1e-15);
  }

  private static Trial trial(int n, Double value, Map<String, Object> params) {
    Trial running = Trial.running(n, params, 0);
    return value == null ? running : running.complete(value);
  }

  @Test
  void constantLiarPutsRunningTrialsAbove() {
    Map<String, Object> p = Map.of("x", 0.5);
    List<Trial> trials = List.of(trial(0, 3.0, p), trial(1, null, p), trial(2, 1.0, p),
        trial(3, 2.0, p));
    TrialSplit split = TrialSplit.of(trials, Direction.MINIMIZE, n -> 1);
    assertEquals(List.of(2), split.below().stream().map(Trial::number).toList());
    assertEquals(List.of(0, 1, 3), split.above().stream().map(Trial::number).toList());
    TrialSplit max = TrialSplit.of(trials, Direction.MAXIMIZE, n -> 1);
    assertEquals(List.of(0), max.below().stream().map(Trial::number).toList());
  }

  @Test
  void groupsAreParametersThatAlwaysOccurTogether() {
    SearchSpace space = SearchSpaceJson.parseResource("/search-spaces/pipeline.json");
    Map<String, Object> base = new LinkedHashMap<>();
    for (String name : space.names()) {
      base.put(name, 1);
    }
    Map<String, Object> without = new LinkedHashMap<>(base);
    without.remove("reranker.depth");
    List<Trial> trials = List.of(trial(0, 1.0, base), trial(1, 1.0, without));
    List<String> common = space.names().subList(0, 8);
    assertEquals(List.of(common, List.of("reranker.depth")),
        GroupDecomposition.groups(space, trials));
    assertEquals(List.of(common), GroupDecomposition.intersection(space, trials));
  }

  @Test
  void gammaCountsCompleteTrialsOnly() {
    // Optuna 3.1 sampler.py: n = sum(s < float("inf") ...), running trials ignored. Ten complete
    // (values 0..9) and five running: gamma(10) = 1 trial below, not gamma(15) = 2.
    Map<String, Object> p = Map.of("x", 0.5);
    List<Trial> trials = new java.util.ArrayList<>();
    for (int i = 0; i < 15; i++) {
      trials.add(trial(i, i < 10 ? (double) i : null, p));
    }
    TrialSplit split = TrialSplit.of(trials, Direction.MINIMIZE, TpeSettings::defaultGamma);
    assertEquals(List.of(0), split.below().stream().map(Trial::number).toList());
    assertEquals(14, split.above().size());
  }

  @Test
  void splitComesBeforeTheParameterMask() {
    // Optuna 3.1 sampler.py splits all trials, then keeps those holding the parameter
    // (param_mask). Trial 1 (no x) is the best, so x has no good observation at all; masking
    // first would have put trial 2 below.
    List<Trial> trials = List.of(trial(0, 5.0, Map.of("x", 0.1, "y", 1)),
        trial(1, 1.0, Map.of("y", 1)), trial(2, 3.0, Map.of("x", 0.2, "y", 1)));
    TrialSplit split = TrialSplit.of(trials, Direction.MINIMIZE, n -> 1)
        .restrictedTo(t -> t.params().containsKey("x"));
    assertEquals(List.of(), split.below());
    assertEquals(List.of(0, 2), split.above().stream().map(Trial::number).toList());
  }

  @Test
  void logIntLikelihoodIsTheDensityAtTheLogOfTheValue() {
    // Optuna 3.1 parzen_estimator.py: a log int has low = ln(1 - 0.5), high = ln(3 + 0.5) and
    // q = None, so log_pdf is truncnorm.logpdf at ln 2, not the mass of [ln 1.5, ln 2.5]. Prior
    // only: mu = (ln .5 + ln 3.5) / 2, sigma = ln 7, bounds at -/+ 0.5 sigma; reference value
    // scipy.stats.truncnorm.logpdf(ln 2, -.5, .5, loc=mu, scale=ln 7) = -0.6473119432741238
    // (the bin mass would give -1.3184121507666253).
    NumericScale scale = NumericScale.of(new io.odqa.tuner.space.IntDistribution(1, 3, 1, true));
    NumericKernels prior = new NumericKernels(scale, new double[0], new double[0], false);
    double[] acc = new double[1];
    prior.addLogDensity(Math.log(2), acc);
    assertEquals(-0.6473119432741238, acc[0], 1e-12);
    assertEquals(Math.log(2), scale.snap(Math.log(2.4)), 0);
  }

  @Test
  void optuna31DensityLeavesOutTheLogSigma() {
    // Optuna 3.1 _truncnorm.logpdf: _norm_logpdf((x - loc) / scale) - _log_gauss_mass(a, b), no
    // - log(scale). Kernel N(0.5, 0.25) on [0, 1] at x = 0.75: z = 1, bounds -/+ 2, mass
    // 2 Phi(2) - 1 = 0.9544997361036416. 3.1: -0.5 - ln sqrt(2 pi) - ln 0.9545 =
    // -1.3723706209122826; true density: that minus ln 0.25, -1.3723706209122826 + ln 4.
    NumericScale scale = NumericScale.of(new io.odqa.tuner.space.FloatDistribution(0, 1, false));
    double[] acc31 = new double[2];
    new NumericKernels(scale, new double[] {0.5}, new double[] {0.25}, true)
        .addLogDensity(0.75, acc31);
    assertEquals(-1.3723706209122826, acc31[0], 1e-12);
    double[] acc = new double[2];
    new NumericKernels(scale, new double[] {0.5}, new double[] {0.25}, false)
        .addLogDensity(0.75, acc);
    assertEquals(-1.3723706209122826 + Math.log(4), acc[0], 1e-12);
    // The prior N(0.5, 1): sigma 1, so both agree.
    assertEquals(acc[1], acc31[1], 0);
  }
}
