package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RetuneBenchCommandTest {
  @Test
  void trialsToReachCountsFromOneAndIsOnePastTheEndWhenNeverReached() {
    List<Double> curve = List.of(0.2, 0.5, 0.5, 0.7);
    assertEquals(1, RetuneBenchCommand.trialsToReach(curve, 0.1));
    assertEquals(2, RetuneBenchCommand.trialsToReach(curve, 0.5));
    assertEquals(4, RetuneBenchCommand.trialsToReach(curve, 0.69));
    assertEquals(5, RetuneBenchCommand.trialsToReach(curve, 0.71));
  }

  @Test
  void theTargetIsRandomSearchsMedianFinalBestAndEachSamplerIsCostedAgainstIt() {
    List<RetuneBenchCommand.Run> runs = List.of(
        new RetuneBenchCommand.Run("random", 0, List.of(0.1, 0.5, 0.5), 1),
        new RetuneBenchCommand.Run("tpe", 0, List.of(0.2, 0.6, 0.8), 1),
        new RetuneBenchCommand.Run("random", 1, List.of(0.6, 0.6, 0.6), 1),
        new RetuneBenchCommand.Run("tpe", 1, List.of(0.3, 0.3, 0.6), 1),
        new RetuneBenchCommand.Run("random", 2, List.of(0.2, 0.3, 0.7), 1),
        new RetuneBenchCommand.Run("tpe", 2, List.of(0.4, 0.4, 0.5), 1));
    Map<String, Object> r = RetuneBenchCommand.report("c", 10, 3, 3, runs);
    assertEquals(0.6, (double) r.get("target"), 1e-12);
    assertEquals(0.8, (double) r.get("best"), 1e-12);
    Map<?, ?> random = (Map<?, ?>) r.get("random");
    Map<?, ?> tpe = (Map<?, ?>) r.get("tpe");
    assertEquals(List.of(4, 1, 3), random.get("trials_to_target"));
    assertEquals(List.of(2, 3, 4), tpe.get("trials_to_target"));
    assertEquals(2L, random.get("reached"));
    assertEquals(3.0, (double) random.get("median_trials"), 1e-12);
    assertEquals(3.0, (double) tpe.get("median_trials"), 1e-12);
    assertEquals(1.0, (double) r.get("ratio"), 1e-12);
    assertEquals(0.633, (double) tpe.get("mean_final_best"), 1e-9);
    // 99% of the best (0.8) is 0.792: only TPE's first run gets there, at its third trial.
    assertEquals(0.792, (double) r.get("target_99pct_best"), 1e-12);
    assertEquals(List.of(4, 4, 4), random.get("trials_to_99pct_best"));
    assertEquals(List.of(3, 4, 4), tpe.get("trials_to_99pct_best"));
    assertEquals(0L, random.get("reached_99pct_best"));
    assertEquals(1L, tpe.get("reached_99pct_best"));
    assertEquals(1.0, (double) r.get("ratio_99pct_best"), 1e-12);
  }

  @Test
  void badArgumentsExitTwoWithTheOptionNamed() {
    StringWriter err = new StringWriter();
    CommandLine cli = OdqaCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("bench", "retune", "--collection", "squad", "--questions",
        "pom.xml", "--seeds", "0");
    assertEquals(2, code);
    assertTrue(err.toString().contains("--seeds must be in [1, 100], got 0"), err.toString());
  }
}
