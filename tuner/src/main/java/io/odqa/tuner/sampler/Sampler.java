package io.odqa.tuner.sampler;

import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proposes the parameters of the next trial. Implementations are stateless strategies: the result
 * may depend only on the arguments, and all randomness must come from {@code rng}.
 */
public interface Sampler {

  /**
   * The active parameters of the next trial, in search-space order, as external values.
   *
   * @param space the search space; conditional parameters are included only when active
   * @param history every earlier trial of the study, ordered by number (any state)
   * @param direction whether smaller or larger values are better
   * @param rng this trial's random source
   */
  Map<String, Object> sample(SearchSpace space, List<Trial> history, Direction direction,
      SplittableRandom rng);
}
