/**
 * The sampler benchmark ({@link io.odqa.tuner.bench.TunerBench}): simple regret of Random, TPE and
 * multivariate TPE on standard test functions over many seeds, and the sampler's own cost per ask,
 * run through real studies on the in-memory store so the numbers include the ask/tell path.
 */
package io.odqa.tuner.bench;
