package io.odqa.feedback.console;

import io.odqa.feedback.console.StudyViews.CurvePoint;
import io.odqa.feedback.console.StudyViews.Importance;
import io.odqa.feedback.console.StudyViews.Slice;
import io.odqa.feedback.console.StudyViews.SlicePoint;
import io.odqa.tuner.space.CategoricalDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a study's trials say, computed on the server so that a page never carries every trial:
 * the optimisation history, a parameter-importance estimate, and one slice per parameter.
 *
 * <p>Importance is a cheap first-order functional ANOVA. fANOVA (Hutter, Hoos and Leyton-Brown,
 * "An Efficient Approach for Assessing Hyperparameter Importance", ICML 2014) measures a
 * parameter's importance as the share of the objective's variance that its marginal (main
 * effect) explains. Here the marginal is estimated without a surrogate model: by the mean
 * objective within groups of the parameter's values (about {@code bins} quantile bins for a
 * number, one group per choice for a categorical). The between-group share of variance is
 * Pearson's correlation ratio η²; because η² grows with the number of groups even on pure noise,
 * Kelley's ε² = (SS<sub>between</sub> − (k − 1)·MS<sub>within</sub>) / SS<sub>total</sub>,
 * clamped at 0, is reported. Like any main-effect measure it credits interactions to no one, and
 * under TPE, which samples parameters dependently, correlated parameters share credit.
 */
public final class StudyAnalysis {
  private StudyAnalysis() {}

  /**
   * Every COMPLETE trial's value and the best so far, by number; at most {@code maxPoints},
   * always keeping the improvements and the last trial.
   */
  public static List<CurvePoint> bestSoFar(List<Trial> trials, Direction direction,
      int maxPoints) {
    List<CurvePoint> curve = new ArrayList<>();
    List<Boolean> improved = new ArrayList<>();
    double best = Double.NaN;
    for (Trial t : complete(trials)) {
      boolean better = Double.isNaN(best) || direction.loss(t.value()) < direction.loss(best);
      best = better ? t.value() : best;
      curve.add(new CurvePoint(t.number(), t.value(), best));
      improved.add(better);
    }
    return downsample(curve, maxPoints, i -> improved.get(i));
  }

  /** Each parameter's importance over the COMPLETE trials, most important first, ties by name. */
  public static List<Importance> importance(List<Trial> trials, SearchSpace space, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    List<Trial> done = complete(trials);
    List<Importance> out = new ArrayList<>();
    for (Parameter p : space.parameters()) {
      List<Object> values = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (Trial t : done) {
        if (t.params().containsKey(p.name())) {
          values.add(t.params().get(p.name()));
          y.add(t.value());
        }
      }
      // Two trials per group on average at least, so that there is within-group variance.
      int groups = Math.max(1, Math.min(bins, values.size() / 2));
      int[] group = isCategorical(p) ? byValue(values) : quantileBins(values, groups);
      out.add(new Importance(p.name(), epsilonSquared(group, y), values.size(),
          distinct(group)));
    }
    out.sort(Comparator.comparingDouble(Importance::importance).reversed()
        .thenComparing(Importance::param));
    return out;
  }

  /** Each parameter's value against the objective, by trial number, at most {@code maxPoints}. */
  public static List<Slice> slices(List<Trial> trials, SearchSpace space, int maxPoints) {
    List<Slice> out = new ArrayList<>();
    List<Trial> done = complete(trials);
    for (Parameter p : space.parameters()) {
      List<SlicePoint> points = new ArrayList<>();
      for (Trial t : done) {
        if (t.params().containsKey(p.name())) {
          points.add(new SlicePoint(t.number(), t.params().get(p.name()), t.value()));
        }
      }
      out.add(new Slice(p.name(), isCategorical(p), downsample(points, maxPoints, i -> false)));
    }
    return out;
  }

  /**
   * At most {@code max} of {@code points} in order: the last, every one whose index {@code keep}
   * accepts (evenly thinned when they alone are too many), then evenly spaced others.
   */
  static <T> List<T> downsample(List<T> points, int max, Predicate<Integer> keep) {
    if (max < 2) {
      throw new IllegalArgumentException("max points must be >= 2, got " + max);
    }
    if (points.size() <= max) {
      return List.copyOf(points);
    }
    TreeSet<Integer> chosen = new TreeSet<>();
    chosen.add(points.size() - 1);
    for (int i = 0; i < points.size(); i++) {
      if (keep.test(i)) {
        chosen.add(i);
      }
    }
    if (chosen.size() > max) {
      List<Integer> kept = new ArrayList<>(chosen);
      chosen.clear();
      for (int j = 0; j < max; j++) {
        chosen.add(kept.get((int) ((long) j * (kept.size() - 1) / (max - 1))));
      }
    } else {
      List<Integer> others = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        if (!chosen.contains(i)) {
          others.add(i);
        }
      }
      int room = max - chosen.size();
      for (int j = 0; j < room; j++) {
        chosen.add(others.get((int) ((long) j * others.size() / room)));
      }
    }
    return chosen.stream().map(points::get).toList();
  }

  /** Kelley's ε² of {@code y} grouped by {@code group}, clamped to [0, 1]; 0 when undefined. */
  static double epsilonSquared(int[] group, List<Double> y) {
    int n = y.size();
    int k = distinct(group);
    if (n < 2 || k < 2 || n - k < 1) {
      return 0.0;
    }
    double mean = y.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    Map<Integer, double[]> sums = new LinkedHashMap<>();
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] s = sums.computeIfAbsent(group[i], g -> new double[2]);
      s[0] += y.get(i);
      s[1]++;
      total += (y.get(i) - mean) * (y.get(i) - mean);
    }
    if (total <= 0) {
      return 0.0;
    }
    double between = 0;
    for (double[] s : sums.values()) {
      double d = s[0] / s[1] - mean;
      between += s[1] * d * d;
    }
    double within = Math.max(0, total - between) / (n - k);
    return Math.max(0.0, Math.min(1.0, (between - (k - 1) * within) / total));
  }

  /**
   * Groups numeric {@code values} into about {@code bins} bins of equal count by rank; equal
   * values always share a bin, so a bin boundary never splits a tie.
   */
  static int[] quantileBins(List<Object> values, int bins) {
    int n = values.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> number(values.get(i))));
    int[] group = new int[n];
    int firstRank = 0;
    for (int r = 0; r < n; r++) {
      if (r > 0 && number(values.get(order[r])) != number(values.get(order[r - 1]))) {
        firstRank = r;
      }
      group[order[r]] = (int) ((long) firstRank * bins / n);
    }
    return group;
  }

  private static int[] byValue(List<Object> values) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    int[] group = new int[values.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = ids.computeIfAbsent(String.valueOf(values.get(i)), v -> ids.size());
    }
    return group;
  }

  private static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("a numeric parameter's value must be a number, got "
        + value);
  }

  private static int distinct(int[] group) {
    return (int) java.util.Arrays.stream(group).distinct().count();
  }

  private static boolean isCategorical(Parameter p) {
    return p.distribution() instanceof CategoricalDistribution;
  }

  private static List<Trial> complete(List<Trial> trials) {
    return trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
        .sorted(Comparator.comparingInt(Trial::number)).toList();
  }
}
