package io.odqa.cli.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The fault run's own Kafka broker and Neo4j server, driven through
 * {@code deployments/local/infra.sh} with a state root ({@code ODQA_HOME}) and ports of their
 * own, so that stopping them never touches the servers of a developer's stack or of CI. The
 * server jars come from {@code dist/} under that root, a link to an existing dist when there is
 * one (nothing is fetched twice).
 */
final class Infra {
  static final String KAFKA = "kafka";
  static final String NEO4J = "neo4j";
  static final String NEO4J_PASSWORD = "odqa-fault-pass";

  final int kafkaPort;
  final int controllerPort;
  final int boltPort;
  final int httpPort;
  private final Path script;
  private final Path home;
  private final Path log;

  /**
   * @param script deployments/local/infra.sh
   * @param home the state root of these servers; its kafka/ and neo4j/ are wiped at {@link #reset}
   * @param sharedDist an existing dist/ to link to when {@code home} has none, or null
   */
  Infra(Path script, Path home, Path sharedDist, Path log) throws IOException {
    if (!Files.isRegularFile(script)) {
      throw new IOException("infra script not found: " + script);
    }
    this.script = script;
    this.home = Files.createDirectories(home).toAbsolutePath();
    this.log = log;
    Path dist = this.home.resolve("dist");
    if (!Files.exists(dist) && sharedDist != null && Files.isDirectory(sharedDist)
        && !sharedDist.toAbsolutePath().equals(dist)) {
      Files.createSymbolicLink(dist, sharedDist.toAbsolutePath());
    }
    this.kafkaPort = FaultRun.freePort();
    this.controllerPort = FaultRun.freePort();
    this.boltPort = FaultRun.freePort();
    this.httpPort = FaultRun.freePort();
  }

  String bootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  String boltUri() {
    return "bolt://127.0.0.1:" + boltPort;
  }

  /** Stops anything a previous run left under this root and deletes its state (not dist/). */
  void reset() throws IOException, InterruptedException {
    run("stop", "all");
    for (String server : List.of(KAFKA, NEO4J)) {
      FaultRun.deleteTree(home.resolve(server));
    }
  }

  /** {@code infra.sh start SERVER}: returns when the server logged that it is ready. */
  void start(String server) throws IOException, InterruptedException {
    if (run("start", server) != 0) {
      throw new IOException("infra.sh start " + server + " failed; see " + log);
    }
  }

  /** {@code infra.sh stop SERVER}: SIGTERM, SIGKILL after 30 s. */
  void stop(String server) throws IOException, InterruptedException {
    run("stop", server);
  }

  /** SIGKILL of the server's JVM (its PID file), as a crash or an OOM killer would. */
  void kill(String server) throws IOException, InterruptedException {
    Path pidFile = home.resolve(server).resolve(server + ".pid");
    Optional<ProcessHandle> process = ProcessHandle.of(
        Long.parseLong(Files.readString(pidFile).trim()));
    if (process.isPresent()) {
      process.get().destroyForcibly();
      FaultRun.awaitExit(process.get(), 60);
    }
  }

  void stopAll() throws IOException, InterruptedException {
    run("stop", "all");
  }

  private int run(String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(script.toString());
    builder.command().addAll(List.of(args));
    Map<String, String> env = builder.environment();
    env.put("ODQA_HOME", home.toString());
    env.put("KAFKA_PORT", Integer.toString(kafkaPort));
    env.put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
    env.put("NEO4J_BOLT_PORT", Integer.toString(boltPort));
    env.put("NEO4J_HTTP_PORT", Integer.toString(httpPort));
    env.put("NEO4J_PASSWORD", NEO4J_PASSWORD);
    env.put("NEO4J_HEAP", "768m");
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException("infra.sh " + String.join(" ", args) + " took over 300 s");
    }
    return process.exitValue();
  }
}
