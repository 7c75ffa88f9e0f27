package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerRankerFitTest {
  /** Questions whose gold answer is the one candidate whose last hop is tagged with it. */
  private static List<AnswerRankerFit.Group> taggedIsGold(int hops, int n, long seed) {
    Random random = new Random(seed);
    List<AnswerRankerFit.Group> groups = new ArrayList<>();
    for (int q = 0; q < n; q++) {
      int size = 2 + random.nextInt(5);
      int gold = random.nextInt(size);
      List<AnswerRanker.Features> f = new ArrayList<>();
      boolean[] y = new boolean[size];
      for (int i = 0; i < size; i++) {
        long walks = 1 + random.nextInt(3);
        f.add(new AnswerRanker.Features(walks, 0, i == gold ? 1 : 0, random.nextInt(50)));
        y[i] = i == gold;
      }
      groups.add(new AnswerRankerFit.Group(hops, f, y));
    }
    return groups;
  }

  @Test
  void learnsTheFeatureThatPicksTheGoldAnswer() {
    List<AnswerRankerFit.Group> groups = taggedIsGold(2, 200, 7);
    AnswerRanker ranker = AnswerRankerFit.fit(groups, AnswerRankerFit.Settings.defaults());
    double[] w = ranker.weights(2);
    assertTrue(w[2] > Math.abs(w[0]) && w[2] > Math.abs(w[3]), java.util.Arrays.toString(w));
    for (AnswerRankerFit.Group g : taggedIsGold(2, 50, 8)) {
      int best = 0;
      for (int i = 1; i < g.features().size(); i++) {
        if (ranker.score(2, g.features().get(i)) > ranker.score(2, g.features().get(best))) {
          best = i;
        }
      }
      assertTrue(g.gold()[best]);
    }
    // No informative question of 1 or 3 hops: those keep the support-only weights.
    assertArrayEquals(AnswerRanker.supportOnly().weights(1), ranker.weights(1));
    assertArrayEquals(AnswerRanker.supportOnly().weights(3), ranker.weights(3));
  }

  @Test
  void fitIsDeterministic() {
    List<AnswerRankerFit.Group> groups = taggedIsGold(3, 100, 1);
    AnswerRankerFit.Settings s = new AnswerRankerFit.Settings(200, 0.05, 1e-3);
    assertArrayEquals(AnswerRankerFit.fit(groups, s).weights(3),
        AnswerRankerFit.fit(groups, s).weights(3));
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Random random = new Random(3);
    List<double[][]> x = new ArrayList<>();
    List<boolean[]> y = new ArrayList<>();
    for (int q = 0; q < 20; q++) {
      int size = 2 + random.nextInt(4);
      double[][] xs = new double[size][AnswerRanker.FEATURES];
      boolean[] ys = new boolean[size];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < AnswerRanker.FEATURES; j++) {
          xs[i][j] = 3 * random.nextDouble();
        }
        ys[i] = i == 0 || random.nextBoolean();
      }
      ys[size - 1] = false;
      x.add(xs);
      y.add(ys);
    }
    double[] w = {0.3, -0.7, 1.1, 0.05};
    double[] g = new double[w.length];
    AnswerRankerFit.gradient(x, y, w, 0.01, g);
    for (int j = 0; j < w.length; j++) {
      double h = 1e-6;
      double[] plus = w.clone();
      double[] minus = w.clone();
      plus[j] += h;
      minus[j] -= h;
      double numeric = (loss(x, y, plus, 0.01) - loss(x, y, minus, 0.01)) / (2 * h);
      assertEquals(numeric, g[j], 1e-6, "feature " + j);
    }
  }

  /** The objective, written directly: mean of -log(sum over gold of softmax) plus L2. */
  private static double loss(List<double[][]> x, List<boolean[]> y, double[] w, double l2) {
    double total = 0;
    for (int k = 0; k < x.size(); k++) {
      double z = 0;
      double zGold = 0;
      for (int i = 0; i < x.get(k).length; i++) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
          s += w[j] * x.get(k)[i][j];
        }
        z += Math.exp(s);
        zGold += y.get(k)[i] ? Math.exp(s) : 0;
      }
      total -= Math.log(zGold / z);
    }
    double penalty = 0;
    for (double v : w) {
      penalty += l2 * v * v;
    }
    return total / x.size() + penalty;
  }

  @Test
  void rejectsBadSettingsAndGroups() {
    assertThrows(IllegalArgumentException.class, () -> new AnswerRankerFit.Settings(0, 0.1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new AnswerRankerFit.Settings(1, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new AnswerRankerFit.Settings(1, 0.1, -1));
    assertThrows(IllegalArgumentException.class, () -> new AnswerRankerFit.Group(1,
        List.of(new AnswerRanker.Features(1, 0, 0, 0)), new boolean[2]));
    assertThrows(IllegalArgumentException.class, () -> new AnswerRankerFit.Group(4,
        List.of(), new boolean[0]));
  }
}
