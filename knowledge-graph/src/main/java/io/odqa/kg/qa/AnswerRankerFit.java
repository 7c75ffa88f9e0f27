package io.odqa.kg.qa;

import java.util.List;

/**
 * Learns the weights of an {@link AnswerRanker}, one vector per hop count, by maximising the
 * listwise likelihood that the top answer is gold: for a question with candidates x_i and
 * gold set G, the loss is {@code -log sum_{i in G} softmax(w . x)_i} (the marginal likelihood
 * of a set-valued label, as in {@link PathClassifier}), averaged over questions, plus
 * {@code l2 |w|^2}. Only questions whose candidates are partly gold carry information about
 * the ranking, so the others are skipped. The optimiser is full-batch Adam (Kingma and Ba,
 * 2015) from zero weights: there is no sampling, so the fit is deterministic.
 */
final class AnswerRankerFit {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private AnswerRankerFit() {}

  /**
   * The candidates of one training question.
   *
   * @param hops hop count of the executed path, 1 to 3
   * @param features each candidate's features
   * @param gold whether each candidate is a gold answer
   */
  record Group(int hops, List<AnswerRanker.Features> features, boolean[] gold) {
    Group {
      if (hops < 1 || hops > RelationPath.MAX_HOPS) {
        throw new IllegalArgumentException("hops must be in [1, 3], got " + hops);
      }
      if (features.size() != gold.length) {
        throw new IllegalArgumentException(features.size() + " candidates but " + gold.length
            + " gold flags");
      }
      features = List.copyOf(features);
      gold = gold.clone();
    }

    /** Whether some but not all candidates are gold. */
    boolean informative() {
      int g = 0;
      for (boolean b : gold) {
        g += b ? 1 : 0;
      }
      return g > 0 && g < gold.length;
    }
  }

  /**
   * Optimiser settings.
   *
   * @param iterations full-batch steps, >= 1
   * @param learningRate Adam step size, > 0
   * @param l2 penalty on the squared weights, >= 0
   */
  record Settings(int iterations, double learningRate, double l2) {
    Settings {
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
      }
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
      }
      if (!(l2 >= 0) || Double.isInfinite(l2)) {
        throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
      }
    }

    /** 1000 steps of 0.05 with L2 1e-4: converged on MetaQA dev (weights change < 1e-3). */
    static Settings defaults() {
      return new Settings(1000, 0.05, 1e-4);
    }
  }

  /**
   * Weights for each hop count from its informative groups; a hop count without any keeps
   * the support-only weights.
   */
  static AnswerRanker fit(List<Group> groups, Settings settings) {
    double[][] w = new double[RelationPath.MAX_HOPS][];
    for (int h = 1; h <= RelationPath.MAX_HOPS; h++) {
      int hops = h;
      List<double[][]> x = groups.stream().filter(g -> g.hops() == hops && g.informative())
          .map(AnswerRankerFit::matrix).toList();
      List<boolean[]> y = groups.stream().filter(g -> g.hops() == hops && g.informative())
          .map(Group::gold).toList();
      w[h - 1] = x.isEmpty() ? AnswerRanker.supportOnly().weights(h) : adam(x, y, settings);
    }
    return new AnswerRanker(w);
  }

  private static double[][] matrix(Group g) {
    return g.features().stream().map(AnswerRanker.Features::vector).toArray(double[][]::new);
  }

  private static double[] adam(List<double[][]> x, List<boolean[]> y, Settings s) {
    int d = AnswerRanker.FEATURES;
    double[] w = new double[d];
    double[] m = new double[d];
    double[] v = new double[d];
    double[] g = new double[d];
    for (int t = 1; t <= s.iterations(); t++) {
      gradient(x, y, w, s.l2(), g);
      double a = s.learningRate() * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
      for (int i = 0; i < d; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
        w[i] -= a * m[i] / (Math.sqrt(v[i]) + EPSILON);
      }
    }
    return w;
  }

  /**
   * Gradient of the mean loss: per question {@code sum_i (p_i - q_i) x_i}, with p the softmax
   * over all candidates and q the softmax restricted to the gold ones.
   */
  static void gradient(List<double[][]> x, List<boolean[]> y, double[] w, double l2,
      double[] g) {
    java.util.Arrays.fill(g, 0);
    for (int k = 0; k < x.size(); k++) {
      double[][] xs = x.get(k);
      boolean[] gold = y.get(k);
      double[] s = new double[xs.length];
      double max = Double.NEGATIVE_INFINITY;
      double maxGold = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < xs.length; i++) {
        for (int j = 0; j < w.length; j++) {
          s[i] += w[j] * xs[i][j];
        }
        max = Math.max(max, s[i]);
        maxGold = gold[i] ? Math.max(maxGold, s[i]) : maxGold;
      }
      // p and q each shifted by their own maximum, so neither underflows to 0/0.
      double[] p = new double[xs.length];
      double[] q = new double[xs.length];
      double z = 0;
      double zGold = 0;
      for (int i = 0; i < xs.length; i++) {
        p[i] = Math.exp(s[i] - max);
        z += p[i];
        q[i] = gold[i] ? Math.exp(s[i] - maxGold) : 0;
        zGold += q[i];
      }
      for (int i = 0; i < xs.length; i++) {
        double coef = p[i] / z - q[i] / zGold;
        for (int j = 0; j < w.length; j++) {
          g[j] += coef * xs[i][j] / x.size();
        }
      }
    }
    for (int j = 0; j < w.length; j++) {
      g[j] += 2 * l2 * w[j];
    }
  }
}
