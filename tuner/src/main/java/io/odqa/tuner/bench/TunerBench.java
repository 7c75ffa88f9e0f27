package io.odqa.tuner.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.tuner.sampler.RandomSampler;
import io.odqa.tuner.sampler.Sampler;
import io.odqa.tuner.sampler.tpe.TpeSampler;
import io.odqa.tuner.sampler.tpe.TpeSettings;
import io.odqa.tuner.store.InMemoryStudyStore;
import io.odqa.tuner.study.Study;
import io.odqa.tuner.trial.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Median and IQR of simple regret (best value found minus the known optimum) over seeds
 * F..F+N-1 for Random and the TPE modes, and the sampler's cost per ask with 100 and 1,000 trials
 * of history. Usage: {@code TunerBench [--json] [--raw] [--seeds N] [--first-seed F]}
 * (defaults N = 30, F = 0); with {@code --json} the last line is one JSON object, and
 * {@code --raw} adds every seed's regret to it. The JSON names the best TPE mode ({@code
 * best_mode}, {@link #BEST_MODE}). Needs no server: studies run on the in-memory store. {@code
 * scripts/optuna_reference.py} runs the same benchmark on a real Optuna install.
 */
public final class TunerBench {
  /**
   * The best TPE mode, fixed in code rather than picked from the numbers of the run: {@code
   * tpe_multivariate_scott} ({@link TpeSettings#multivariateScott()}) had the lowest median regret
   * of all modes on all three functions on seeds 1000-1199, where it was chosen, and again on
   * seeds 2000-2199; both blocks are disjoint from the default seeds 0-29.
   */
  static final String BEST_MODE = "tpe_multivariate_scott";
  private static final Map<String, Sampler> SAMPLERS = new LinkedHashMap<>();

  static {
    SAMPLERS.put("random", new RandomSampler());
    SAMPLERS.put("tpe", new TpeSampler(TpeSettings.defaults()));
    SAMPLERS.put("tpe_multivariate",
        new TpeSampler(TpeSettings.defaults().withMultivariate(true, false)));
    // Optuna 3.1 to 3.4 as released, kernel density without 1/sigma (TpeSettings#withOptuna31Density).
    SAMPLERS.put("tpe_optuna31", new TpeSampler(TpeSettings.defaults().withOptuna31Density(true)));
    SAMPLERS.put("tpe_multivariate_optuna31",
        new TpeSampler(TpeSettings.defaults().withMultivariate(true, false).withOptuna31Density(true)));
    // Multivariate kernels with Scott's-rule bandwidths on the data (BandwidthRule.SCOTT).
    SAMPLERS.put(BEST_MODE, new TpeSampler(TpeSettings.multivariateScott()));
  }

  private TunerBench() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    boolean json = false;
    boolean raw = false;
    int seeds = 30;
    int firstSeed = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--raw" -> raw = true;
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        case "--first-seed" -> firstSeed = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException(
            "argument must be --json, --raw, --seeds N or --first-seed F, got " + args[i]);
      }
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> iqr = new LinkedHashMap<>();
    Map<String, Object> rawRegrets = new LinkedHashMap<>();
    System.out.printf(Locale.ROOT, "%-16s %-26s %12s %12s%n", "function", "sampler",
        "median", "IQR");
    for (TestFunction f : List.of(TestFunction.branin(), TestFunction.hartmann6(),
        TestFunction.rosenbrock4())) {
      Map<String, Object> medians = new LinkedHashMap<>();
      Map<String, Object> spreads = new LinkedHashMap<>();
      Map<String, Object> perSeed = new LinkedHashMap<>();
      for (Map.Entry<String, Sampler> s : SAMPLERS.entrySet()) {
        double[] regrets = regrets(f, s.getValue(), firstSeed, seeds);
        medians.put(s.getKey(), round(Quantiles.median(regrets)));
        spreads.put(s.getKey(), round(Quantiles.iqr(regrets)));
        perSeed.put(s.getKey(), regrets);
        System.out.printf(Locale.ROOT, "%-16s %-26s %12.4f %12.4f%n", f.key(), s.getKey(),
            Quantiles.median(regrets), Quantiles.iqr(regrets));
      }
      report.put(f.key(), medians);
      iqr.put(f.key(), spreads);
      rawRegrets.put(f.key(), perSeed);
    }
    report.put("iqr", iqr);
    if (raw) {
      report.put("regrets", rawRegrets);
    }
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("tpe_100", round(msPerAsk(SAMPLERS.get("tpe"), 100)));
    cost.put("tpe_1000", round(msPerAsk(SAMPLERS.get("tpe"), 1000)));
    cost.put("tpe_multivariate_1000", round(msPerAsk(SAMPLERS.get("tpe_multivariate"), 1000)));
    cost.put(BEST_MODE + "_100", round(msPerAsk(SAMPLERS.get(BEST_MODE), 100)));
    cost.put(BEST_MODE + "_1000", round(msPerAsk(SAMPLERS.get(BEST_MODE), 1000)));
    cost.forEach((k, v) -> System.out.printf(Locale.ROOT, "ms per ask %-28s %10s%n", k, v));
    System.out.printf(Locale.ROOT, "best TPE mode (fixed in code) %s%n", BEST_MODE);
    report.put("ms_per_ask", cost);
    report.put("best_mode", BEST_MODE);
    report.put("seeds", seeds);
    report.put("first_seed", firstSeed);
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(report));
    }
  }

  /** Simple regret per seed; seeds run in parallel, each in its own study. */
  static double[] regrets(TestFunction f, Sampler sampler, int firstSeed, int seeds) {
    return IntStream.range(firstSeed, firstSeed + seeds).parallel()
        .mapToDouble(seed -> best(run(f, sampler, seed, f.trials())) - f.optimum())
        .toArray();
  }

  static Study run(TestFunction f, Sampler sampler, long seed, int trials) {
    Study study = Study.builder().setName(f.key() + "-" + seed).setStore(new InMemoryStudyStore())
        .optSpace(f.space()).optSeed(seed).optSampler(sampler).open();
    for (int i = 0; i < trials; i++) {
      Trial trial = study.ask();
      study.tell(trial.number(), f.evaluate(trial.params()));
    }
    return study;
  }

  private static double best(Study study) {
    return study.bestTrial().orElseThrow().value();
  }

  /**
   * Mean wall time of the last 10 asks of a {@code trials}-trial Hartmann-6 study (seed 0), i.e.
   * with about {@code trials} trials of history; a first run warms the JIT up.
   */
  static double msPerAsk(Sampler sampler, int trials) {
    TestFunction f = TestFunction.hartmann6();
    run(f, sampler, 1, Math.min(trials, 200));
    Study study = run(f, sampler, 0, trials - 10);
    long total = 0;
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      Trial trial = study.ask();
      total += System.nanoTime() - start;
      study.tell(trial.number(), f.evaluate(trial.params()));
    }
    return total / 10 / 1e6;
  }

  private static double round(double value) {
    return Math.round(value * 1e4) / 1e4;
  }
}
