/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kegl, "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011), following the design and defaults of Optuna's
 * {@code TPESampler}: the history is split into good and bad trials, each set is modelled by a
 * mixture of truncated normal (or categorical) kernels plus a prior, and the candidate drawn from
 * l(x) that maximises l(x)/g(x) is proposed. Includes Optuna's multivariate mode (Falkner et al.
 * 2018), group decomposition for conditional spaces, and the constant liar for running trials,
 * plus one departure we chose on held-out seeds: Scott's rule on the data for the multivariate
 * bandwidths ({@link io.odqa.tuner.sampler.tpe.BandwidthRule#SCOTT}).
 */
package io.odqa.tuner.sampler.tpe;
