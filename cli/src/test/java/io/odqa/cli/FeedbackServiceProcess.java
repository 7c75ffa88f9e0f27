package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The packaged feedback service ({@code feedback/target/quarkus-app}) as a child process on a
 * free port, on its own topic and consumer group, so that a test neither reads nor disturbs
 * the feedback of a stack or of another test on the same broker.
 */
final class FeedbackServiceProcess {
  private static final long START_MILLIS = 120_000;

  final int port;
  final String topic;
  final String group;
  private final Path dir;
  private Process process;

  FeedbackServiceProcess(String topic, String group, Path dir) throws IOException {
    this.topic = topic;
    this.group = group;
    this.dir = dir;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts the service and waits until it listens; its output goes to a log in the dir. */
  void start() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("odqa.feedback.jar",
        "../feedback/target/quarkus-app/quarkus-run.jar"));
    assertTrue(Files.isRegularFile(jar), "package the feedback service first: " + jar);
    Path log = dir.resolve("feedback-" + System.nanoTime() + ".log");
    ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m",
        "-Dquarkus.http.port=" + port,
        "-Dmp.messaging.incoming.feedback-in.group.id=" + group,
        "-jar", jar.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    ServiceProcess.withApiKeys(builder.environment());
    builder.environment().put("ODQA_FEEDBACK_TOPIC", topic);
    builder.environment().put("ODQA_DATA_DIR", dir.resolve("data").toString());
    builder.environment().putIfAbsent("KAFKA_BOOTSTRAP_SERVERS", Kafka.bootstrap());
    process = builder.start();
    long deadline = System.currentTimeMillis() + START_MILLIS;
    while (!Files.readString(log).contains("Listening on")) {
      assertTrue(process.isAlive() && System.currentTimeMillis() < deadline,
          "feedback did not start:\n" + Files.readString(log));
      Thread.sleep(200);
    }
  }

  /** SIGTERM, and waits (bounded) for the graceful shutdown to end; SIGKILL after that. */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("feedback did not stop within 60 s of SIGTERM");
    }
  }
}
