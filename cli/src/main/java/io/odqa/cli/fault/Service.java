package io.odqa.cli.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a child
 * process on a port fixed for the whole run, so that a restarted service answers where the
 * killed one did, on the same data directory. Each start logs to its own file.
 */
final class Service {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  final String name;
  final int port;
  private final Path jar;
  private final Map<String, String> env;
  private final List<String> jvmArgs;
  private final Path logDir;
  private final Http http;
  private Process process;
  private int starts;

  Service(String name, Path jar, Map<String, String> env, List<String> jvmArgs, Path logDir,
      Http http) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(name + " is not packaged: " + jar + " is missing (./odqa build)");
    }
    this.name = name;
    this.jar = jar;
    this.env = new LinkedHashMap<>(env);
    this.jvmArgs = List.copyOf(jvmArgs);
    this.logDir = logDir;
    this.http = http;
    this.port = FaultRun.freePort();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the service and waits until {@code /q/health/ready} is 200; returns the seconds. */
  double start() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    launch();
    awaitReady(t0);
    return FaultRun.seconds(t0);
  }

  /** Starts the JVM, logging to a file of its own; {@link #awaitReady} waits for it. */
  void launch() throws IOException {
    Path log = logDir.resolve(name + "-" + (++starts) + ".log");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmArgs);
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    process = builder.start();
  }

  /** Waits until the launched service is ready, at most until {@code t0} + the start timeout. */
  void awaitReady(long t0) throws IOException, InterruptedException {
    long deadline = t0 + START_TIMEOUT.toNanos();
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly().waitFor();
        throw new IOException(name + " did not become ready within " + START_TIMEOUT.toSeconds()
            + " s; see " + logDir.resolve(name + "-" + starts + ".log"));
      }
      Thread.sleep(250);
    }
  }

  /** Whether {@code /q/health/ready} answers 200. */
  boolean ready() {
    return http.get(url() + "/q/health/ready", Duration.ofSeconds(5)).status() == 200;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  /** SIGTERM, SIGKILL after 60 s. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!FaultRun.awaitExit(process.toHandle(), 60)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  long pid() {
    return process.pid();
  }
}
