package io.odqa.feedback.job;

import io.odqa.core.model.PipelineConfig;

/**
 * What to run.
 *
 * @param kind retune, refresh or graph-refresh
 * @param collection whose feedback drives it
 * @param trials retune trials (null: the configured number)
 * @param sampler {@code tpe} or {@code random} (null: the configured one)
 * @param seed seeds sampling, the split of examples and the bootstrap
 * @param candidate a retune that skips the search and puts this config to the gate
 * @param trigger what started it: {@code manual}, {@code count}, {@code accuracy}, {@code
 *     schedule}
 */
public record JobRequest(JobKind kind, String collection, Integer trials, String sampler,
    long seed, PipelineConfig candidate, String trigger) {
  public JobRequest {
    if (kind == null) {
      throw new IllegalArgumentException("kind must be retune, refresh or graph-refresh");
    }
    new io.odqa.core.model.CollectionName(collection);
    if (trials != null && (trials < 0 || trials > 10_000)) {
      throw new IllegalArgumentException("trials must be in [0, 10000], got " + trials);
    }
    if (sampler != null && !sampler.equals("tpe") && !sampler.equals("random")) {
      throw new IllegalArgumentException("sampler must be tpe or random, got " + sampler);
    }
    if (candidate != null && kind != JobKind.RETUNE) {
      throw new IllegalArgumentException("only a retune takes a candidate config");
    }
  }
}
