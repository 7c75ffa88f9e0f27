/**
 * Samplers: strategies that propose the next trial's parameters from the search space and the
 * study's history, behind the one-method {@link io.odqa.tuner.sampler.Sampler} interface (Optuna's
 * {@code BaseSampler}, reduced to what a declarative space needs). {@link
 * io.odqa.tuner.sampler.RandomSampler} is the baseline; the Tree-structured Parzen Estimator lives
 * in {@code io.odqa.tuner.sampler.tpe}. Every draw comes from the generator passed in, so a sampler
 * is deterministic given the seed and the history.
 */
package io.odqa.tuner.sampler;
