package io.odqa.tuner.sampler.tpe;

/**
 * How the multivariate kernels' bandwidths are chosen (univariate kernels always use Optuna's
 * neighbour-distance rule, {@link Bandwidths#univariate}).
 *
 * <ul>
 *   <li>{@link #OPTUNA}: Optuna's rule, {@code sigma = 0.2 * (high - low) * n^(-1/(d+4))}, the same
 *       for every dimension whatever the observations ({@code SIGMA0_MAGNITUDE = 0.2} in {@code
 *       optuna/samplers/_tpe/parzen_estimator.py}, v3.1.1 to v4).
 *   <li>{@link #SCOTT}: Scott's rule on the data, {@code sigma_j = s_j * m^(-1/(d+4))}, where
 *       {@code s_j} is the sample standard deviation of dimension {@code j} over the {@code n}
 *       observations and the prior mean ({@code m = n + 1} points). Scott's rule is D. W. Scott,
 *       "Multivariate Density Estimation" (1992), and the default factor of {@code
 *       scipy.stats.gaussian_kde}; BOHB (Falkner, Klein and Hutter 2018) fits its TPE densities
 *       with such data-driven normal-reference bandwidths. Watanabe (2023, arXiv 2304.11127)
 *       ablates the bandwidth heuristic; his {@code bandwidth_strategy="scott"} (OptunaHub {@code
 *       samplers/tpe_tutorial}) is the univariate form {@code 1.059 min(IQR / 1.34, s) m^(-1/5)}
 *       and also counts the prior mean among the points. Kernels
 *       narrow as the good trials concentrate, so l(x) refines around them instead of keeping a
 *       width fixed by n alone. Optuna's magic clip still bounds the result.
 * </ul>
 */
public enum BandwidthRule {
  /** Optuna's fixed-magnitude rule. */
  OPTUNA,
  /** Scott's rule on the observations' spread; needs multivariate kernels. */
  SCOTT
}
