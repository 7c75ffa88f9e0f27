package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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
