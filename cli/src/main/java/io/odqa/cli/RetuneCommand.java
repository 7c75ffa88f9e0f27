package io.odqa.cli;

import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./odqa retune}: a hyper-parameter search of the pipeline config on the collection's
 * feedback, run as a job of the feedback service. Its result: {@code trials, seconds, best,
 * champion, decision, delta, ci_low, ci_high, configVersion}.
 */
@Command(name = "retune", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Retune the pipeline config on the collection's feedback and wait for it.")
final class RetuneCommand extends JobCommand {
  private static final Set<String> SAMPLERS = Set.of("tpe", "random");
  private static final int MAX_TRIALS = 10_000;

  @Option(names = "--trials", description = "trials to run (default: the service's)")
  Integer trials;

  @Option(names = "--sampler", description = "tpe or random (default: the service's)")
  String sampler;

  @Option(names = "--seed", description = "seed of the sampler (default: the service's)")
  Long seed;

  @Override
  String kind() {
    return "retune";
  }

  @Override
  void addParameters(Map<String, Object> body) {
    if (trials != null) {
      if (trials < 1 || trials > MAX_TRIALS) {
        throw usage("--trials must be in [1, " + MAX_TRIALS + "], got " + trials);
      }
      body.put("trials", trials);
    }
    if (sampler != null) {
      if (!SAMPLERS.contains(sampler)) {
        throw usage("--sampler must be one of [random, tpe], got '" + sampler + "'");
      }
      body.put("sampler", sampler);
    }
    if (seed != null) {
      body.put("seed", seed);
    }
  }
}
