package io.odqa.kg.qa;

/**
 * Adam (Kingma and Ba, 2015, "Adam: A Method for Stochastic Optimization") for the sparse
 * rows of {@link PathClassifier}: only the rows of the features present in an example are
 * updated, with L2 added to their gradient, and the biases every step. Decay rates are the
 * paper's defaults.
 */
final class Adam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final float[] m;
  private final float[] v;
  private final float[] mb;
  private final float[] vb;
  private final double rate;
  private final double l2;
  private long t;

  Adam(int weights, int biases, PathClassifier.Settings settings) {
    this.m = new float[weights];
    this.v = new float[weights];
    this.mb = new float[biases];
    this.vb = new float[biases];
    this.rate = settings.learningRate();
    this.l2 = settings.l2();
  }

  /** One step for the example with features {@code x} and score gradient {@code g}. */
  void step(int[] x, double[] g, float[] weights, float[] bias) {
    t++;
    // Bias corrections folded into the step size, as in Section 2 of the paper.
    double a = rate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
    int n = bias.length;
    for (int l = 0; l < n; l++) {
      bias[l] -= update(mb, vb, l, g[l], a);
    }
    for (int f : x) {
      int row = f * n;
      for (int l = 0; l < n; l++) {
        weights[row + l] -= update(m, v, row + l, g[l] + l2 * weights[row + l], a);
      }
    }
  }

  private static float update(float[] m, float[] v, int i, double g, double a) {
    m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
    v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
    return (float) (a * m[i] / (Math.sqrt(v[i]) + EPSILON));
  }
}
