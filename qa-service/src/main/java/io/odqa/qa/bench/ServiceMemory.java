package io.odqa.qa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Reads the QA service's resident memory (VmRSS): from {@code /proc/PID/status} when the
 * service runs on this machine and its pid is known, else from the service's own gauge {@code
 * process_resident_memory_bytes} in {@code /q/metrics}. Empty when neither is available.
 */
final class ServiceMemory {
  static final String GAUGE = "process_resident_memory_bytes";

  private final Long pid;
  private final URI metrics;
  private final HttpClient client;

  ServiceMemory(Long pid, String baseUrl, HttpClient client) {
    this.pid = pid;
    this.metrics = URI.create(baseUrl + "/q/metrics");
    this.client = client;
  }

  /** Resident bytes now, or empty when they cannot be read. */
  OptionalLong residentBytes() {
    return pid != null ? fromProc(Path.of("/proc", pid.toString(), "status")) : fromGauge();
  }

  static OptionalLong fromProc(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return OptionalLong.of(Long.parseLong(kb) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process has gone or the file is unreadable: no reading.
    }
    return OptionalLong.empty();
  }

  private OptionalLong fromGauge() {
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(metrics)
          .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? parseGauge(r.body()) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /** The value of the first {@value #GAUGE} sample in a Prometheus text exposition. */
  static OptionalLong parseGauge(String exposition) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(GAUGE + " ") || line.startsWith(GAUGE + "{")) {
        String value = line.substring(line.lastIndexOf(' ') + 1).trim();
        try {
          return OptionalLong.of((long) Double.parseDouble(value));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
