package io.odqa.tuner.sampler.tpe;

import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/**
 * Splits the study's usable trials into the "below" set that defines l(x) and the "above" set that
 * defines g(x) (Bergstra et al. 2011, eq. 2): the {@code gamma(n)} best complete trials are below,
 * ties broken by trial number; every other complete trial and, with the constant liar, every
 * running trial (counted as worse than any result) is above. Both sets come back oldest first, the
 * order the weights function expects.
 *
 * <p>As in Optuna 3.1 ({@code optuna/samplers/_tpe/sampler.py} at v3.1.1, {@code sample_independent}
 * and {@code _sample_relative}): {@code n} counts the complete trials only ({@code n = sum(s <
 * float("inf") for s, v in scores)  # Ignore running trials.}), the split is made over all trials
 * of the study, and only afterwards is each set restricted to the trials in which the sampled
 * parameters occur ({@code param_mask}, see {@link #restrictedTo}).
 *
 * @param below the good trials
 * @param above the rest
 */
record TrialSplit(List<Trial> below, List<Trial> above) {

  /** Splits {@code trials} (complete, or running when the caller applies the constant liar). */
  static TrialSplit of(List<Trial> trials, Direction direction, IntUnaryOperator gamma) {
    List<Trial> complete = new ArrayList<>();
    List<Trial> above = new ArrayList<>();
    for (Trial t : trials) {
      if (t.state() == TrialState.COMPLETE) {
        complete.add(t);
      } else {
        above.add(t);
      }
    }
    double[] loss = new double[complete.size()];
    for (int i = 0; i < loss.length; i++) {
      loss[i] = direction.loss(complete.get(i).value());
    }
    // Best first, ties by trial number: complete is in number order and the ranks are stable.
    int[] rank = Bandwidths.stableRanks(loss);
    Trial[] byLoss = new Trial[loss.length];
    for (int i = 0; i < loss.length; i++) {
      byLoss[rank[i]] = complete.get(i);
    }
    complete = java.util.Arrays.asList(byLoss);
    int nBelow = Math.max(0, Math.min(gamma.applyAsInt(complete.size()), complete.size()));
    List<Trial> below = new ArrayList<>(complete.subList(0, nBelow));
    above.addAll(complete.subList(nBelow, complete.size()));
    Comparator<Trial> byNumber = Comparator.comparingInt(Trial::number);
    below.sort(byNumber);
    above.sort(byNumber);
    return new TrialSplit(List.copyOf(below), List.copyOf(above));
  }

  /** The split restricted to the trials that pass {@code keep}, keeping each trial's side. */
  TrialSplit restrictedTo(Predicate<Trial> keep) {
    return new TrialSplit(below.stream().filter(keep).toList(),
        above.stream().filter(keep).toList());
  }
}
