package io.odqa.qa.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident and peak resident memory from {@code /proc/self/status} ({@code VmRSS},
 * {@code VmHWM}), as {@code process_resident_memory_bytes} and {@code
 * process_resident_memory_peak_bytes}. The JVM's own meters see only the heap and direct
 * buffers; the reader's tensors live in native memory, which only these show. NaN where there
 * is no {@code /proc} (not Linux).
 */
@Startup
@ApplicationScoped
public class ProcessMemoryMetrics {
  private static final Path STATUS = Path.of("/proc/self/status");

  ProcessMemoryMetrics(MeterRegistry registry) {
    Gauge.builder("process.resident.memory", () -> read("VmRSS:")).baseUnit("bytes")
        .description("resident set size (VmRSS), native memory included").register(registry);
    Gauge.builder("process.resident.memory.peak", () -> read("VmHWM:")).baseUnit("bytes")
        .description("peak resident set size (VmHWM)").register(registry);
  }

  /** The {@code kB} value of a {@code /proc/self/status} field, in bytes, or NaN. */
  static double read(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field)) {
          return Double.parseDouble(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
