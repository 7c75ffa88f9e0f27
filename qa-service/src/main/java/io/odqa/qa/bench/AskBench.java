package io.odqa.qa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.api.ApiKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code ./odqa bench ask}: closed-loop load on {@code POST /api/v1/ask} at each concurrency of
 * {@code --clients}, one step after the other, against a QA service on this machine. Each step
 * reports QPS, latency p50/p95/p99 of answered requests, 503 rejections and other failures,
 * SQuAD EM/F1 of the answers, and the service's resident memory at its start, its end and its
 * peak (sampled every second). With {@code --json} the last line is one JSON object.
 *
 * <p>Traffic goes only to loopback: a URL whose host is not a loopback address is refused.
 * Every step stops by itself after {@code --seconds} or {@code --max-requests}.
 */
@Command(name = "bench ask", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Latency, throughput, 503s and resident memory of /ask per concurrency.")
public final class AskBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--collection", required = true, description = "collection to ask")
  String collection;

  @Option(names = "--questions", required = true,
      description = "SQuAD-open JSONL (question, answers)")
  Path questions;

  @Option(names = "--clients", split = ",", defaultValue = "1,4,16",
      description = "concurrencies, one step each (default: ${DEFAULT-VALUE})")
  List<Integer> clients;

  @Option(names = "--seconds", defaultValue = "60", description = "length of each step")
  int seconds;

  @Option(names = "--max-requests", defaultValue = "100000",
      description = "requests per step at most")
  long maxRequests;

  @Option(names = "--limit", description = "use the first N questions")
  Integer limit;

  @Option(names = "--warmup", defaultValue = "0",
      description = "sequential asks before the first step, not reported")
  int warmup;

  @Option(names = "--pid", description = "the service's pid, to read /proc/PID/status")
  Long pid;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "QA service")
  String url;

  @Option(names = "--batching", split = ",", description = "run every step with the reader's "
      + "batching across requests on, off, or both in turn (on,off), switched through "
      + "PUT /api/v1/admin/reader/batching and restored at the end; default: as the service runs")
  List<String> batching = List.of();

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AskBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    validate();
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    LoadStep step = new LoadStep(client, base, collection, load(), 
        new ServiceMemory(pid, base, client));
    PrintWriter out = spec.commandLine().getOut();
    if (!reachable(client, base)) {
      spec.commandLine().getErr().println("bench ask: cannot reach the QA service at " + base
          + " (start it with ./odqa up)");
      return 1;
    }
    if (warmup > 0) {
      step.run(1, Duration.ofSeconds(Math.max(seconds, 60)), warmup);
    }
    List<Run> runs = new ArrayList<>();
    out.printf("%8s %7s %8s %8s %8s %8s %8s %6s %6s %6s %6s %9s %9s %9s%n", "batching",
        "clients", "qps", "p50_ms", "p95_ms", "p99_ms", "answered", "503", "failed", "em", "f1",
        "rss0_mb", "rss1_mb", "rssmax_mb");
    Boolean original = batching.isEmpty() ? null : switchBatching(client, base, null);
    try {
      for (String mode : batching.isEmpty() ? List.of("as-is") : batching) {
        if (!mode.equals("as-is")) {
          switchBatching(client, base, mode.equals("on"));
        }
        for (int c : clients) {
          LoadStep.Result r = step.run(c, Duration.ofSeconds(seconds), maxRequests);
          runs.add(new Run(mode, r));
          out.printf(Locale.ROOT, "%8s %7d %8.2f %8.0f %8.0f %8.0f %8d %6d %6d %6.3f %6.3f %9s %9s"
              + " %9s%n", mode, r.clients(), r.qps(), r.p50(), r.p95(), r.p99(), r.answered(),
              r.rejected(), r.failed(), r.em(), r.f1(), mb(r.rssStart()), mb(r.rssEnd()),
              mb(r.rssMax()));
          out.flush();
          if (r.serviceDown()) {
            out.println("the service stopped answering (connection refused); later steps skipped");
            return 1;
          }
        }
      }
    } finally {
      if (original != null) {
        switchBatching(client, base, original);
      }
    }
    if (json) {
      out.println(JSON.writeValueAsString(summary(runs)));
    }
    return runs.stream().allMatch(r -> r.result().answered() > 0) ? 0 : 1;
  }

  /** One step's result under a batching mode ({@code on}, {@code off} or {@code as-is}). */
  record Run(String batching, LoadStep.Result result) {}

  /**
   * Sets the service's batching to {@code enabled} (null: leaves it) and returns the setting it
   * had.
   */
  private static boolean switchBatching(HttpClient client, String base, Boolean enabled)
      throws IOException, InterruptedException {
    URI uri = URI.create(base + "/api/v1/admin/reader/batching");
    HttpResponse<String> before = client.send(ApiKey.attach(HttpRequest.newBuilder(uri),
        ApiKey.fromEnvironment()).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (before.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + before.statusCode());
    }
    boolean was = JSON.readTree(before.body()).path("enabled").asBoolean();
    if (enabled != null) {
      HttpResponse<String> after = client.send(ApiKey.attach(HttpRequest.newBuilder(uri),
          ApiKey.fromEnvironment()).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": " + enabled + "}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (after.statusCode() != 200) {
        throw new IOException("PUT " + uri + " answered " + after.statusCode() + ": "
            + after.body());
      }
    }
    return was;
  }

  private void validate() {
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 256)) {
      throw usage("--clients must be whole numbers in [1, 256], got " + clients);
    }
    if (seconds < 1 || seconds > 3600) {
      throw usage("--seconds must be in [1, 3600], got " + seconds);
    }
    if (maxRequests < 1) {
      throw usage("--max-requests must be positive, got " + maxRequests);
    }
    if (limit != null && limit < 1) {
      throw usage("--limit must be positive, got " + limit);
    }
    if (batching.stream().anyMatch(b -> !b.equals("on") && !b.equals("off"))) {
      throw usage("--batching must list on and/or off, got " + batching);
    }
    if (warmup < 0 || warmup > 10_000) {
      throw usage("--warmup must be in [0, 10000], got " + warmup);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw usage("--url is not a URL: '" + url + "'");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !isLoopback(uri.getHost())) {
      throw usage("--url must be http:// on a loopback address (127.0.0.0/8, localhost, [::1]):"
          + " load goes to this machine only; got '" + url + "'");
    }
  }

  /** Whether the service answers its liveness check at all. */
  private static boolean reachable(HttpClient client, String base) {
    try {
      client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private List<LoadStep.Question> load() {
    List<String> lines;
    try {
      lines = Files.readAllLines(questions, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw usage("--questions: cannot read '" + questions + "': " + e.getMessage());
    }
    List<LoadStep.Question> out = new ArrayList<>();
    int max = limit == null ? Integer.MAX_VALUE : limit;
    for (int i = 0; i < lines.size() && out.size() < max; i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(lines.get(i));
        List<String> golds = new ArrayList<>();
        node.path("answers").forEach(a -> golds.add(a.asText()));
        if (!node.path("question").isTextual() || golds.isEmpty()) {
          throw usage(questions + ":" + (i + 1) + ": needs a 'question' string and 'answers'");
        }
        out.add(new LoadStep.Question(node.get("question").asText(), golds));
      } catch (IOException e) {
        throw usage(questions + ":" + (i + 1) + ": not JSON");
      }
    }
    if (out.isEmpty()) {
      throw usage("--questions: no questions in '" + questions + "'");
    }
    return out;
  }

  /**
   * The JSON report: one object per step; ratios of each step against the first (lowest) step
   * of its batching mode; and, with batching both on and off, QPS with batching on over QPS
   * with it off at each concurrency.
   */
  static Map<String, Object> summary(List<Run> runs) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Run run : runs) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("batching", run.batching());
      step.putAll(run.result().asJson());
      steps.add(step);
    }
    out.put("steps", steps);
    Map<String, Object> ratios = new LinkedHashMap<>();
    Map<String, LoadStep.Result> firstOfMode = new LinkedHashMap<>();
    for (Run run : runs) {
      LoadStep.Result first = firstOfMode.putIfAbsent(run.batching(), run.result());
      if (first == null) {
        continue;
      }
      LoadStep.Result r = run.result();
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("qps", first.qps() > 0 ? LoadStep.round(r.qps() / first.qps()) : null);
      q.put("rss_max", first.rssMax() > 0 && r.rssMax() > 0
          ? LoadStep.round((double) r.rssMax() / first.rssMax()) : null);
      String prefix = run.batching().equals("as-is") ? "" : "batching_" + run.batching() + "_";
      ratios.put(prefix + r.clients() + "_vs_" + first.clients(), q);
    }
    for (Run on : runs) {
      if (!on.batching().equals("on")) {
        continue;
      }
      for (Run off : runs) {
        if (off.batching().equals("off") && off.result().clients() == on.result().clients()
            && off.result().qps() > 0) {
          ratios.put("qps_batching_on_vs_off_at_" + on.result().clients(),
              LoadStep.round(on.result().qps() / off.result().qps()));
        }
      }
    }
    out.put("ratios", ratios);
    return out;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "n/a" : String.valueOf(bytes / (1024 * 1024));
  }
}
