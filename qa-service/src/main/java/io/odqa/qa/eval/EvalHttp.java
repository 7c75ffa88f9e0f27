package io.odqa.qa.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.api.ApiKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plumbing the evaluation mains share: JSON posts to the QA service with a client-side
 * clock, JSONL reading, and command-line options. One {@link HttpClient} per run, reused for
 * every question so that latency does not include connection set-up.
 */
final class EvalHttp {
  /** Exit status for a bad command line or an unreadable input file. */
  static final int USAGE = 2;
  /** Exit status when the service cannot be reached at all. */
  static final int UNREACHABLE = 1;

  static final ObjectMapper JSON = new ObjectMapper();
  /** Generous: the reader on a CPU can take seconds on a long document. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  /** From {@code ODQA_API_KEY}: sent with every request when set. */
  private static final Optional<String> API_KEY = ApiKey.fromEnvironment();

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;

  EvalHttp(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /**
   * One answer from the service. {@code status} is 0 when no HTTP answer came (a timeout);
   * then {@code body} says why.
   */
  record Reply(int status, String body, double millis) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("response is not JSON: " + e.getOriginalMessage(), e);
      }
    }
  }

  /**
   * Posts {@code body} as JSON to {@code path} and times the round trip. A refused connection
   * throws {@link Unreachable}, since every later question would fail the same way; any other
   * I/O failure is a failed reply, so that one slow question does not end the run.
   */
  Reply post(String path, Map<String, Object> body) {
    HttpRequest request;
    try {
      request = ApiKey.attach(HttpRequest.newBuilder(URI.create(baseUrl + path)), API_KEY)
          .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise request " + body, e);
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), (System.nanoTime() - start) / 1e6);
    } catch (ConnectException e) {
      throw new Unreachable("cannot reach the QA service at " + baseUrl + ": "
          + (e.getMessage() == null ? "connection refused" : e.getMessage()));
    } catch (IOException e) {
      return new Reply(0, e.toString(), (System.nanoTime() - start) / 1e6);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while waiting for " + baseUrl + path);
    }
  }

  /** The service is down or the run was interrupted: nothing more can be evaluated. */
  static final class Unreachable extends RuntimeException {
    Unreachable(String message) {
      super(message);
    }
  }

  /** A bad option or input file; its message names the option and the value. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /** The body of an eval command: runs it, prints its report, returns the exit status. */
  interface Command {
    int run() throws JsonProcessingException;
  }

  /**
   * Runs {@code command}; a usage error or an unreachable service becomes one line on
   * {@code err} ({@code "NAME: message"}) and exit status {@link #USAGE} or {@link #UNREACHABLE}.
   */
  static int guarded(String name, PrintStream err, Command command) {
    try {
      return command.run();
    } catch (UsageException e) {
      err.println(name + ": " + e.getMessage());
      return USAGE;
    } catch (Unreachable e) {
      err.println(name + ": " + e.getMessage());
      return UNREACHABLE;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the summary as JSON", e);
    }
  }

  /** Prints {@code summary} as one JSON line when {@code --json} was given. */
  static void printJson(PrintStream out, Map<String, String> options, Map<String, Object> summary)
      throws JsonProcessingException {
    if (options.containsKey("--json")) {
      out.println(JSON.writeValueAsString(summary));
    }
  }

  /**
   * Parses {@code --name value} options and {@code --flag}s. A repeated option keeps its last
   * value, because {@code ./odqa} puts its default {@code --url} before the user's arguments.
   */
  static Map<String, String> options(String[] args, Set<String> valued, Set<String> flags) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (flags.contains(a)) {
        out.put(a, "true");
      } else if (valued.contains(a)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException(a + " needs a value");
        }
        out.put(a, args[++i]);
      } else {
        throw new UsageException("unknown argument '" + a + "'; expected one of "
            + new TreeSet<>(union(valued, flags)));
      }
    }
    return out;
  }

  static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException(name + " is required");
    }
    return v;
  }

  /** {@code --limit}: a positive integer, or {@link Integer#MAX_VALUE} when absent. */
  static int limit(Map<String, String> options) {
    String v = options.get("--limit");
    if (v == null) {
      return Integer.MAX_VALUE;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below, which names the value
    }
    throw new UsageException("--limit must be a positive integer, got '" + v + "'");
  }

  /** {@code --url}: an http(s) URL; the local service when absent. */
  static String url(Map<String, String> options) {
    String v = options.getOrDefault("--url", "http://127.0.0.1:8080");
    try {
      URI uri = URI.create(v);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return v;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the message below, which names the value
    }
    throw new UsageException("--url must be an http(s) URL, got '" + v + "'");
  }

  /** The file named by option {@code name}, which must be a readable regular file. */
  static Path readableFile(Map<String, String> options, String name) {
    Path p = Path.of(required(options, name));
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new UsageException(name + ": cannot read file '" + p + "'");
    }
    return p;
  }

  /** The non-blank lines of a UTF-8 text file; an unreadable file is a usage error. */
  static List<String> lines(Path file, String option) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank()).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException(option + ": cannot read file '" + file + "': " + e.getMessage());
    }
  }

  /** Line {@code number} (1-based) of {@code file} as a JSON object, or a usage error. */
  static JsonNode jsonLine(String line, Path file, int number) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      throw new UsageException(file + ":" + number + ": not JSON: " + e.getOriginalMessage());
    }
    throw new UsageException(file + ":" + number + ": expected a JSON object");
  }

  /** The text field {@code name} of {@code node}, or a usage error naming file and line. */
  static String text(JsonNode node, String name, Path file, int number) {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual()) {
      throw new UsageException(file + ":" + number + ": field '" + name + "' must be a string");
    }
    return v.asText();
  }

  /** Appends a reply that was not 2xx to stderr, with enough context to find the question. */
  static void reportFailure(PrintStream err, String what, String id, Reply reply) {
    String body = reply.body() == null ? "" : reply.body().strip();
    if (body.length() > 500) {
      body = body.substring(0, 500) + "…";
    }
    err.printf("%s for %s: HTTP %s %s%n", what, id,
        reply.status() == 0 ? "(no answer)" : String.valueOf(reply.status()), body);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
