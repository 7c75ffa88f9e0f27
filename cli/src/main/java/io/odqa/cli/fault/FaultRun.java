package io.odqa.cli.fault;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What the scenarios of one fault run share: the repository, a work directory, the run's own
 * Kafka and Neo4j ({@link Infra}), a random API key that every service started here accepts,
 * and the services, each started with the env that points it at this run's servers, data
 * directory and topics. Closing it stops every service and both servers.
 */
final class FaultRun implements AutoCloseable {
  final Path repo;
  final Path dir;
  final String id;
  final Infra infra;
  final Http http;
  final Cypher cypher;
  private final String apiKey;
  private final PrintWriter progress;
  private final long t0 = System.nanoTime();
  private final List<Service> services = new ArrayList<>();
  private final List<Cleanup> cleanups = new ArrayList<>();
  private boolean closed;

  /** Something to undo when the run ends, however it ends (a tmpfs to unmount, say). */
  interface Cleanup {
    void run() throws IOException, InterruptedException;
  }

  /**
   * @param repo the repository root (jars under {@code <module>/target/quarkus-app}, the infra
   *     script, models/)
   * @param work the fault work directory: {@code infra/} (the servers' state root, kept between
   *     runs for its dist/) and {@code runs/<id>/} (logs and data of this run)
   * @param sharedDist an existing infra dist/ to link instead of fetching the jars, or null
   */
  FaultRun(Path repo, Path work, Path sharedDist, PrintWriter progress) throws IOException {
    this.repo = repo.toAbsolutePath().normalize();
    this.id = Long.toString(System.currentTimeMillis(), 36);
    this.dir = Files.createDirectories(work.resolve("runs").resolve(id)).toAbsolutePath();
    this.progress = progress;
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    this.apiKey = "fault-" + HexFormat.of().formatHex(secret);
    this.http = new Http(apiKey);
    this.infra = new Infra(this.repo.resolve("deployments/local/infra.sh"), work.resolve("infra"),
        sharedDist, dir.resolve("infra.log"));
    this.cypher = new Cypher(infra.httpPort, "neo4j", Infra.NEO4J_PASSWORD);
  }

  /** Starts this run's Kafka and Neo4j from a clean state. */
  void startInfra() throws IOException, InterruptedException {
    log("starting Kafka on :%d and Neo4j on :%d (state in %s)", infra.kafkaPort, infra.boltPort,
        dir.resolve("infra.log"));
    infra.reset();
    infra.start(Infra.KAFKA);
    infra.start(Infra.NEO4J);
  }

  /**
   * A service of module {@code module} on {@code dataDir}, with {@code extra} env (topics,
   * switches) over the run's defaults; not started.
   */
  Service service(String module, Path dataDir, Map<String, String> extra, List<String> jvmArgs)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrap());
    env.put("NEO4J_URI", infra.boltUri());
    env.put("NEO4J_USER", "neo4j");
    env.put("NEO4J_PASSWORD", Infra.NEO4J_PASSWORD);
    env.put("NEO4J_DATABASE", "neo4j");
    env.put("ODQA_DATA_DIR", dataDir.toString());
    env.put("ODQA_API_KEYS", "fault:operator|viewer:" + sha256(apiKey));
    env.put("ODQA_API_KEY", apiKey);
    env.put("DJL_OFFLINE", "true");
    env.put("OMP_WAIT_POLICY", "PASSIVE");
    // Each scenario names its own topics; these keep a service off the stack's defaults.
    env.put("ODQA_FEEDBACK_TOPIC", "odqa.feedback.fault-" + id);
    env.put("ODQA_CONFIG_TOPIC", "odqa.config.fault-" + id);
    env.put("ODQA_MODELS_TOPIC", "odqa.models.fault-" + id);
    env.put("ODQA_DOCUMENTS_TOPIC", "odqa.documents.fault-" + id);
    env.putAll(extra);
    Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    Service service = new Service(module, jar, env, jvmArgs, dir, http);
    services.add(service);
    return service;
  }

  /** Prints a progress line to stderr: seconds since the run began, and what happened. */
  void log(String format, Object... args) {
    progress.printf(Locale.ROOT, "[fault %s %6.1f s] %s%n", id, seconds(t0),
        String.format(Locale.ROOT, format, args));
    progress.flush();
  }

  /** Registers {@code cleanup} to run at {@link #close}, after the services stopped. */
  synchronized void onClose(Cleanup cleanup) {
    cleanups.add(cleanup);
  }

  /**
   * Stops every service and both servers and runs the cleanups, once; also called by the
   * command's shutdown hook when the run is interrupted.
   */
  @Override
  public synchronized void close() throws IOException, InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    for (Service s : services) {
      s.stop();
    }
    for (int i = cleanups.size() - 1; i >= 0; i--) {
      cleanups.get(i).run();
    }
    infra.stopAll();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
  }

  static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits up to {@code seconds} for {@code process} to end; whether it did. */
  static boolean awaitExit(ProcessHandle process, long seconds) throws InterruptedException {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return !process.isAlive();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
