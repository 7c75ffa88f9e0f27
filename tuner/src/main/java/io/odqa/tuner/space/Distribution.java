package io.odqa.tuner.space;

/**
 * The domain of one parameter, as in Optuna's {@code distributions.py}. The external value is what
 * the pipeline sees ({@code Double}, {@code Long}, or a categorical choice); the internal value is a
 * {@code double} the samplers work with: the number itself for float and int (log scaling is the
 * sampler's business), the choice's index for categorical.
 */
public sealed interface Distribution
    permits FloatDistribution, IntDistribution, CategoricalDistribution {

  /** The internal representation of {@code external}; throws if it is not in the domain. */
  double toInternal(Object external);

  /** The external value for {@code internal}; throws if it is not in the domain. */
  Object toExternal(double internal);

  /** True when {@code external} is a value of this domain. */
  boolean contains(Object external);
}
