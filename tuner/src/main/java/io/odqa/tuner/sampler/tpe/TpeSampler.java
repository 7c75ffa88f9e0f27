package io.odqa.tuner.sampler.tpe;

import io.odqa.tuner.sampler.RandomSampler;
import io.odqa.tuner.sampler.Sampler;
import io.odqa.tuner.space.CategoricalDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator sampler (Bergstra et al. 2011), after Optuna 3.1's
 * {@code TPESampler} ({@code optuna/samplers/_tpe/sampler.py} at v3.1.1). Per ask: while fewer
 * than {@code nStartupTrials} trials are complete, every parameter is sampled at random. Otherwise
 * the usable trials are split once into good and bad ({@link TrialSplit}); per group of parameters
 * (one parameter in univariate mode) both sets are restricted to the trials in which the whole
 * group occurs, l(x) and g(x) are fitted ({@link ParzenEstimator}), {@code nEiCandidates}
 * candidates are drawn from l(x) and the one with the largest {@code ln l(x) - ln g(x)} is kept
 * (the first on ties). A parameter no usable trial has seen is drawn from the prior kernel alone,
 * as Optuna's estimator does with zero observations.
 *
 * <p>Usable trials are the complete ones and, with the constant liar, the running ones (which go to
 * the bad set), so parallel workers spread out. Failed trials are ignored. In multivariate mode
 * the groups are sampled jointly first ({@link GroupDecomposition}); parameters outside every group,
 * e.g. ones never seen yet, are sampled one at a time with the same estimator settings (so with
 * Scott's-rule bandwidths, as 3.1's {@code sample_independent} passes the sampler's
 * {@code _parzen_estimator_parameters}, multivariate flag included). Values sampled for a group
 * member that turns out inactive are dropped.
 */
public final class TpeSampler implements Sampler {
  private final TpeSettings settings;

  /** A sampler with {@code settings}. */
  public TpeSampler(TpeSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    this.settings = settings;
  }

  /** A sampler with Optuna's defaults ({@link TpeSettings#defaults()}). */
  public TpeSampler() {
    this(TpeSettings.defaults());
  }

  /** The settings. */
  public TpeSettings settings() {
    return settings;
  }

  @Override
  public Map<String, Object> sample(SearchSpace space, List<Trial> history, Direction direction,
      SplittableRandom rng) {
    List<Trial> usable = new ArrayList<>();
    List<Trial> complete = new ArrayList<>();
    for (Trial t : history) {
      if (t.state() == TrialState.COMPLETE) {
        complete.add(t);
      }
      if (t.state() == TrialState.COMPLETE
          || (settings.constantLiar() && t.state() == TrialState.RUNNING)) {
        usable.add(t);
      }
    }
    // 3.1: `n = sum(s < float("inf") ...)` (complete trials); `if n < self._n_startup_trials`.
    TrialSplit split = complete.size() < settings.nStartupTrials()
        ? null
        : TrialSplit.of(usable, direction, settings.gamma());
    Map<String, Double> joint = new HashMap<>();
    if (split != null && settings.multivariate()) {
      List<List<String>> groups = settings.group()
          ? GroupDecomposition.groups(space, complete)
          : GroupDecomposition.intersection(space, complete);
      for (List<String> names : groups) {
        List<Parameter> group = names.stream().map(space::get).toList();
        joint.putAll(sampleGroup(group, split, rng, settings));
      }
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (Parameter p : space.parameters()) {
      if (!space.isActive(p, params)) {
        continue;
      }
      Double internal = joint.get(p.name());
      if (internal == null && split != null) {
        internal = sampleGroup(List.of(p), split, rng, settings).get(p.name());
      }
      params.put(p.name(), internal == null
          ? RandomSampler.sampleOne(p.distribution(), rng)
          : p.distribution().toExternal(internal));
    }
    return params;
  }

  /** Internal values for {@code group}, from the trials of {@code split} that hold it. */
  private static Map<String, Double> sampleGroup(List<Parameter> group, TrialSplit split,
      SplittableRandom rng, TpeSettings mode) {
    TrialSplit observed = split.restrictedTo(t -> hasAll(t, group));
    ParzenEstimator below = ParzenEstimator.fit(group, coordinates(group, observed.below()), mode);
    ParzenEstimator above = ParzenEstimator.fit(group, coordinates(group, observed.above()), mode);
    double[] best = bestCandidate(below, above, rng, mode.nEiCandidates());
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < group.size(); j++) {
      out.put(group.get(j).name(), toInternal(group.get(j), best[j]));
    }
    return out;
  }

  private static boolean hasAll(Trial t, List<Parameter> group) {
    for (Parameter p : group) {
      if (!t.params().containsKey(p.name())) {
        return false;
      }
    }
    return true;
  }

  private static double[] bestCandidate(ParzenEstimator below, ParzenEstimator above,
      SplittableRandom rng, int count) {
    double[][] candidates = below.sample(rng, count);
    double[] scratchBelow = new double[below.kernels()];
    double[] scratchAbove = new double[above.kernels()];
    double[] best = candidates[0];
    double bestScore = Double.NEGATIVE_INFINITY;
    for (double[] c : candidates) {
      double score = below.logPdf(c, scratchBelow) - above.logPdf(c, scratchAbove);
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  private static double[][] coordinates(List<Parameter> group, List<Trial> trials) {
    double[][] rows = new double[trials.size()][group.size()];
    for (int i = 0; i < trials.size(); i++) {
      for (int j = 0; j < group.size(); j++) {
        Parameter p = group.get(j);
        double internal = p.distribution().toInternal(trials.get(i).params().get(p.name()));
        rows[i][j] = p.distribution() instanceof CategoricalDistribution
            ? internal
            : NumericScale.of(p.distribution()).toKernel(internal);
      }
    }
    return rows;
  }

  private static double toInternal(Parameter p, double kernelCoordinate) {
    return p.distribution() instanceof CategoricalDistribution
        ? kernelCoordinate
        : NumericScale.of(p.distribution()).toInternal(kernelCoordinate);
  }
}
