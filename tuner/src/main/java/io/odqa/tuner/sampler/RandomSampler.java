package io.odqa.tuner.sampler;

import io.odqa.tuner.space.CategoricalDistribution;
import io.odqa.tuner.space.Distribution;
import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.IntDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Independent uniform sampling, as Optuna's {@code RandomSampler}: uniform in {@code [low, high]}
 * (in log space when {@code log}), uniform over the grid for int, and uniform over the choices. A
 * log-scaled int is drawn uniformly in {@code [ln(low - 0.5), ln(high + 0.5)]} and rounded, so every
 * integer gets the log-width of its own rounding interval.
 */
public final class RandomSampler implements Sampler {

  @Override
  public Map<String, Object> sample(SearchSpace space, List<Trial> history, Direction direction,
      SplittableRandom rng) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (Parameter p : space.parameters()) {
      if (space.isActive(p, params)) {
        params.put(p.name(), sampleOne(p.distribution(), rng));
      }
    }
    return params;
  }

  /** One uniform draw from {@code distribution}, as an external value. */
  public static Object sampleOne(Distribution distribution, SplittableRandom rng) {
    if (distribution instanceof FloatDistribution f) {
      if (!f.log()) {
        return f.low() + rng.nextDouble() * (f.high() - f.low());
      }
      double x = Math.exp(uniform(Math.log(f.low()), Math.log(f.high()), rng));
      return Math.min(f.high(), Math.max(f.low(), x));
    }
    if (distribution instanceof IntDistribution d) {
      if (!d.log()) {
        return d.low() + d.step() * rng.nextLong((d.high() - d.low()) / d.step() + 1);
      }
      double x = Math.exp(uniform(Math.log(d.low() - 0.5), Math.log(d.high() + 0.5), rng));
      return Math.min(d.high(), Math.max(d.low(), Math.round(x)));
    }
    CategoricalDistribution c = (CategoricalDistribution) distribution;
    return c.choices().get(rng.nextInt(c.choices().size()));
  }

  private static double uniform(double low, double high, SplittableRandom rng) {
    return low + rng.nextDouble() * (high - low);
  }
}
