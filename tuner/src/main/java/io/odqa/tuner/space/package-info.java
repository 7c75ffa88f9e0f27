/**
 * The search space as data: validated, immutable {@link io.odqa.tuner.space.Distribution} value
 * objects (float, int, categorical) with Optuna's internal/external representations, named
 * {@link io.odqa.tuner.space.Parameter}s that may be conditional on a parent's value, and the
 * JSON reader and writer ({@link io.odqa.tuner.space.SearchSpaceJson}) that reject a bad file
 * with the field, the bad value and the legal range. Nothing here draws random numbers.
 */
package io.odqa.tuner.space;
