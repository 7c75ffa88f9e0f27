package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.api.ApiKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged Quarkus service run as a child process on a free loopback port, until ready. */
final class ServiceProcess implements AutoCloseable {
  /**
   * The API key that tests send ({@code X-API-Key}) to state-changing endpoints. Every service
   * started here accepts it with the roles operator and viewer ({@code ODQA_API_KEYS} holds its
   * SHA-256), and uses it when it calls another service ({@code ODQA_API_KEY}). The failsafe
   * configuration gives the test JVM the same {@code ODQA_API_KEY}, for the commands that tests
   * run in process.
   */
  static final String OPERATOR_KEY = "odqa-it-operator-key-7f3c9a1e5b";
  private static final long START_MILLIS = 180_000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final int port;
  private final Process process;
  private final Path log;

  private ServiceProcess(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code jar} with {@code env} and waits until {@code /q/health/ready} answers 200. */
  static ServiceProcess start(String name, Path jar, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(jar), "package " + name + " first: " + jar);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m",
        "-Dquarkus.http.port=" + port, "-jar", jar.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    withApiKeys(builder.environment());
    builder.environment().putAll(env);
    ServiceProcess service = new ServiceProcess(port, builder.start(), log);
    long deadline = System.currentTimeMillis() + START_MILLIS;
    while (!service.ready()) {
      assertTrue(service.process.isAlive() && System.currentTimeMillis() < deadline,
          name + " did not become ready:\n" + Files.readString(log));
      Thread.sleep(500);
    }
    return service;
  }

  /** Puts the variables that make a service accept {@link #OPERATOR_KEY} and send it. */
  static void withApiKeys(Map<String, String> environment) {
    environment.put("ODQA_API_KEYS", "it:operator|viewer:" + ApiKey.sha256(OPERATOR_KEY));
    environment.put("ODQA_API_KEY", OPERATOR_KEY);
  }

  /** A request to {@code url} that carries {@link #OPERATOR_KEY}. */
  static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header(ApiKey.HEADER, OPERATOR_KEY);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  private boolean ready() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
