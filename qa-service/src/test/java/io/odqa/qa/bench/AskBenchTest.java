package io.odqa.qa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench reads memory from a Prometheus exposition and sends load to loopback only. */
class AskBenchTest {
  @Test
  void readsTheResidentMemoryGauge() {
    String exposition = """
        # HELP process_resident_memory_peak_bytes peak resident set size (VmHWM)
        process_resident_memory_peak_bytes 9.0E8
        # TYPE process_resident_memory_bytes gauge
        process_resident_memory_bytes 7.3400320E8
        """;
    assertEquals(OptionalLong.of(734_003_200L), ServiceMemory.parseGauge(exposition));
    assertEquals(OptionalLong.empty(), ServiceMemory.parseGauge("jvm_memory_used_bytes 1\n"));
  }

  @Test
  void loopbackOnly() {
    assertTrue(AskBench.isLoopback("127.0.0.1"));
    assertTrue(AskBench.isLoopback("localhost"));
    assertTrue(AskBench.isLoopback("::1"));
    assertFalse(AskBench.isLoopback("10.0.0.1"));
    assertFalse(AskBench.isLoopback("192.168.1.20"));
  }

  @Test
  void refusesARemoteUrlAndBadNumbersBeforeSendingAnything() {
    assertEquals(2, run("--collection", "c", "--questions", "pom.xml", "--url",
        "http://10.1.2.3:8080"), "remote URL");
    assertEquals(2, run("--collection", "c", "--questions", "pom.xml", "--clients", "0"));
    assertEquals(2, run("--collection", "c", "--questions", "pom.xml", "--seconds", "0"));
    assertEquals(2, run("--collection", "c"), "no --questions");
  }

  private static int run(String... args) {
    CommandLine cl = new CommandLine(new AskBench());
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }
}
