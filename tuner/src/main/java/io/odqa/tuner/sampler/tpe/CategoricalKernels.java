package io.odqa.tuner.sampler.tpe;

import java.util.SplittableRandom;

/**
 * Categorical kernels (Optuna's {@code _calculate_categorical_distributions}): with {@code K = n + 1}
 * kernels and prior weight {@code w}, observation kernel {@code k} puts weight {@code 1 + w/K} on
 * its observed choice and {@code w/K} on every other choice, normalised; the prior kernel is
 * uniform. Since an observation kernel depends only on its choice, two log-probabilities describe
 * all of them.
 */
final class CategoricalKernels implements KernelDimension {
  private final int[] observed;
  private final int choices;
  private final double hit;
  private final double miss;
  private final double logHit;
  private final double logMiss;
  private final double logUniform;

  CategoricalKernels(int[] observed, int choices, double priorWeight) {
    this.observed = observed.clone();
    this.choices = choices;
    double base = priorWeight / (observed.length + 1);
    double rowSum = 1 + choices * base;
    this.hit = (1 + base) / rowSum;
    this.miss = base / rowSum;
    this.logHit = Math.log(hit);
    this.logMiss = Math.log(miss);
    this.logUniform = -Math.log(choices);
  }

  @Override
  public double sample(int kernel, SplittableRandom rng) {
    if (kernel == observed.length) {
      return rng.nextInt(choices);
    }
    double u = rng.nextDouble();
    double cumulative = 0;
    for (int c = 0; c < choices - 1; c++) {
      cumulative += c == observed[kernel] ? hit : miss;
      if (u < cumulative) {
        return c;
      }
    }
    return choices - 1;
  }

  @Override
  public void addLogDensity(double x, double[] acc) {
    int choice = (int) x;
    for (int k = 0; k < observed.length; k++) {
      acc[k] += observed[k] == choice ? logHit : logMiss;
    }
    acc[observed.length] += logUniform;
  }
}
