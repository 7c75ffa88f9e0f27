package io.odqa.feedback.promote;

/**
 * Promotes a candidate only when it beats the champion on held-out questions by at least {@code
 * margin} (mean F1) and the 95% paired-bootstrap interval of the difference excludes zero; with
 * fewer than {@code minQuestions} held-out questions nothing is promoted.
 *
 * @param margin smallest mean F1 gain that promotes, in [0, 1]
 * @param resamples bootstrap draws, at least 100
 * @param minQuestions fewest held-out questions a decision needs, at least 1
 * @param seed seeds the bootstrap, so a decision can be reproduced
 */
public record Gate(double margin, int resamples, int minQuestions, long seed) {
  public Gate {
    if (!(margin >= 0 && margin <= 1)) {
      throw new IllegalArgumentException("margin must be in [0, 1], got " + margin);
    }
    if (resamples < 100) {
      throw new IllegalArgumentException("resamples must be at least 100, got " + resamples);
    }
    if (minQuestions < 1) {
      throw new IllegalArgumentException("minQuestions must be at least 1, got " + minQuestions);
    }
  }

  /** Decides on paired per-question F1 scores of the champion and the candidate. */
  public GateDecision decide(double[] champion, double[] candidate) {
    int n = champion.length;
    if (n < minQuestions) {
      double c = mean(champion);
      double d = mean(candidate);
      return new GateDecision(false, c, d, d - c, Double.NaN, Double.NaN, n,
          "only " + n + " held-out questions; a decision needs " + minQuestions);
    }
    PairedBootstrap.Interval ci = PairedBootstrap.interval(champion, candidate, resamples, seed);
    boolean better = ci.delta() >= margin && ci.low() > 0;
    String reason = better ? "better by " + fmt(ci.delta()) + " F1, interval above zero"
        : ci.delta() < margin ? "gain " + fmt(ci.delta()) + " is below the margin " + fmt(margin)
        : "interval [" + fmt(ci.low()) + ", " + fmt(ci.high()) + "] includes zero";
    return new GateDecision(better, mean(champion), mean(candidate), ci.delta(), ci.low(),
        ci.high(), n, reason);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? 0 : s / v.length;
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
