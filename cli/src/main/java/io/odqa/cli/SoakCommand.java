package io.odqa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./odqa bench soak --minutes N}: the platform under mixed load for N minutes, on this
 * machine only. Concurrent {@code /ask} clients, an ingest client re-sending a small rotating set
 * of documents into collection {@code --ingest-collection} (so the index is updated, not grown),
 * and a feedback client, all at once. Every loop stops at the deadline or its own request cap.
 * It samples each service's heap, open files and threads from {@code /q/metrics} at the start,
 * every {@code --sample-seconds}, and the end, and prints per flow the requests, errors, QPS and
 * p50/p95/p99, and per service the first and last sample with the least-squares slope per minute
 * (a growth trend shows as a slope that keeps its sign across runs). The last line is JSON with
 * {@code --json}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Concurrent /ask, ingest and feedback for N minutes; latency, errors and"
        + " resource trends.")
final class SoakCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Distinct documents the ingest client rotates through. */
  private static final int DOCUMENTS = 20;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--minutes", required = true, description = "how long, 0.1 to 240")
  double minutes;

  @Option(names = "--collection", defaultValue = "demo", description = "asked collection")
  String collection;

  @Option(names = "--questions", defaultValue = "demo/questions.jsonl", paramLabel = "FILE",
      description = "questions asked in turn (default: ${DEFAULT-VALUE})")
  Path questions;

  @Option(names = "--ask-clients", defaultValue = "2", description = "concurrent /ask clients")
  int askClients;

  @Option(names = "--ingest-collection", defaultValue = "soak",
      description = "where the ingest client writes (default: ${DEFAULT-VALUE})")
  String ingestCollection;

  @Option(names = "--ingest-every-ms", defaultValue = "2000", description = "ingest pace")
  long ingestEveryMs;

  @Option(names = "--feedback-every-ms", defaultValue = "200", description = "feedback pace")
  long feedbackEveryMs;

  @Option(names = "--sample-seconds", defaultValue = "60", description = "metrics sampling")
  long sampleSeconds;

  @Option(names = "--qa-url", defaultValue = "${env:ODQA_QA_URL:-http://127.0.0.1:8080}")
  String qaUrl;

  @Option(names = "--ingest-url", defaultValue = "${env:ODQA_INGEST_URL:-http://127.0.0.1:8081}")
  String ingestUrl;

  @Option(names = "--feedback-url",
      defaultValue = "${env:ODQA_FEEDBACK_URL:-http://127.0.0.1:8082}")
  String feedbackUrl;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  /** Latencies and errors of one kind of request. */
  static final class Flow {
    final String name;
    final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong errors = new AtomicLong();
    final Map<String, Long> errorKinds = Collections.synchronizedMap(new LinkedHashMap<>());

    Flow(String name) {
      this.name = name;
    }

    void record(long started, ServiceClient.Response r, int expected) {
      nanos.add(System.nanoTime() - started);
      if (r.status() != expected) {
        fail("HTTP " + r.status());
      }
    }

    void fail(String kind) {
      errors.incrementAndGet();
      errorKinds.merge(kind, 1L, Long::sum);
    }

    Map<String, Object> summary(double seconds) {
      List<Long> sorted;
      synchronized (nanos) {
        sorted = new ArrayList<>(nanos);
      }
      Collections.sort(sorted);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("requests", sorted.size());
      s.put("errors", errors.get());
      s.put("error_kinds", errorKinds);
      s.put("qps", round(sorted.size() / seconds));
      for (double q : new double[] {0.50, 0.95, 0.99}) {
        s.put("p" + Math.round(q * 100) + "_ms", sorted.isEmpty() ? null
            : round(sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size())) / 1e6));
      }
      return s;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!(minutes >= 0.1 && minutes <= 240) || askClients < 1 || askClients > 64) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--minutes must be in [0.1, 240] and --ask-clients in [1, 64]");
    }
    Map<String, ServiceClient> services = new LinkedHashMap<>();
    services.put("qa-service", ServiceClient.of(spec, "--qa-url", "qa-service", qaUrl));
    services.put("ingest", ServiceClient.of(spec, "--ingest-url", "ingest", ingestUrl));
    services.put("feedback", ServiceClient.of(spec, "--feedback-url", "feedback", feedbackUrl));
    List<QuestionFile.Question> asked;
    try {
      asked = QuestionFile.read(questions, 0, Integer.MAX_VALUE);
    } catch (QuestionFile.BadLine | IOException e) {
      throw new CliFailure("cannot read " + questions + ": " + e.getMessage(), e);
    }
    if (asked.isEmpty()) {
      throw new CliFailure(questions + " holds no question");
    }
    PrintWriter out = spec.commandLine().getOut();
    String run = Long.toString(System.currentTimeMillis(), 36);
    long seconds = Math.round(minutes * 60);
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Flow ask = new Flow("ask");
    Flow ingest = new Flow("ingest");
    Flow feedback = new Flow("feedback");
    Map<String, List<Map<String, Double>>> samples = new LinkedHashMap<>();
    services.keySet().forEach(s -> samples.put(s, new ArrayList<>()));
    sample(services, samples);
    out.printf(Locale.ROOT, "soak %s: %d s, %d /ask clients on %s, ingest every %d ms into %s,"
        + " feedback every %d ms%n", run, seconds, askClients, collection, ingestEveryMs,
        ingestCollection, feedbackEveryMs);
    out.flush();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(askClients + 2);
    for (int c = 0; c < askClients; c++) {
      int client = c;
      // At most 100 questions a second per client, so the loop is bounded in count too.
      long cap = seconds * 100;
      pool.submit(() -> loop(deadline, cap, 0, i -> {
        QuestionFile.Question q = asked.get((int) ((i * askClients + client) % asked.size()));
        long t = System.nanoTime();
        ask.record(t, services.get("qa-service").post("/api/v1/ask",
            Map.of("question", q.question(), "collection", collection), TIMEOUT), 200);
      }, ask));
    }
    pool.submit(() -> loop(deadline, seconds * 1000 / ingestEveryMs + 1, ingestEveryMs, i -> {
      String doc = Output.json(Map.of("id", "soak-" + (i % DOCUMENTS), "title", "Soak " + i % DOCUMENTS,
          "text", "Soak document " + i % DOCUMENTS + ", version " + i + ". It is rewritten while"
              + " questions are answered and feedback arrives."));
      long t = System.nanoTime();
      ingest.record(t, services.get("ingest").postRaw("/api/v1/documents?collection="
          + ingestCollection + "&format=jsonl", doc, "application/x-ndjson", TIMEOUT), 202);
    }, ingest));
    pool.submit(() -> loop(deadline, seconds * 1000 / feedbackEveryMs + 1, feedbackEveryMs, i -> {
      QuestionFile.Question q = asked.get((int) (i % asked.size()));
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventId", "soak-" + run + "-" + i);
      event.put("collection", ingestCollection);
      event.put("question", q.question());
      event.put("answer", q.answers().isEmpty() ? "unknown" : q.answers().get(0));
      event.put("verdict", i % 5 == 0 ? "incorrect" : "correct");
      event.put("timestampMillis", System.currentTimeMillis());
      long t = System.nanoTime();
      feedback.record(t, services.get("feedback").post("/api/v1/feedback", event, TIMEOUT), 202);
    }, feedback));
    pool.shutdown();
    while (!pool.awaitTermination(Math.max(1, sampleSeconds), TimeUnit.SECONDS)) {
      sample(services, samples);
      out.printf(Locale.ROOT, "%5.0f s: ask %d (%d errors), ingest %d, feedback %d%n",
          (System.nanoTime() - started) / 1e9, ask.nanos.size(), ask.errors.get(),
          ingest.nanos.size(), feedback.nanos.size());
      out.flush();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    sample(services, samples);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("seconds", round(elapsed));
    for (Flow f : List.of(ask, ingest, feedback)) {
      Map<String, Object> s = f.summary(elapsed);
      result.put(f.name, s);
      out.printf(Locale.ROOT, "%-9s %7s requests %5s errors %8s qps  p50 %s  p95 %s  p99 %s ms%n",
          f.name, s.get("requests"), s.get("errors"), s.get("qps"), s.get("p50_ms"),
          s.get("p95_ms"), s.get("p99_ms"));
    }
    Map<String, Object> resources = new LinkedHashMap<>();
    samples.forEach((service, list) -> {
      Map<String, Object> r = trend(list);
      resources.put(service, r);
      out.printf(Locale.ROOT, "%-10s %s%n", service, r);
    });
    result.put("resources", resources);
    if (json) {
      out.println(Output.json(result));
    }
    out.flush();
    long errors = ask.errors.get() + ingest.errors.get() + feedback.errors.get();
    return errors == 0 ? 0 : 1;
  }

  /** One request a round, paced by {@code everyMs}, until the deadline or {@code cap} rounds. */
  private static void loop(long deadline, long cap, long everyMs, Round round, Flow flow) {
    for (long i = 0; i < cap && System.nanoTime() < deadline; i++) {
      long next = System.nanoTime() + everyMs * 1_000_000L;
      try {
        round.run(i);
      } catch (RuntimeException e) {
        flow.fail(e.getClass().getSimpleName());
      }
      long wait = (next - System.nanoTime()) / 1_000_000L;
      if (wait > 0) {
        try {
          Thread.sleep(Math.min(wait, Math.max(0, (deadline - System.nanoTime()) / 1_000_000L)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** One request of a loop. */
  @FunctionalInterface
  interface Round {
    void run(long i);
  }

  /** Heap, open files and threads of each service, from its Prometheus text. */
  private static void sample(Map<String, ServiceClient> services,
      Map<String, List<Map<String, Double>>> samples) {
    services.forEach((name, client) -> {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("t", System.currentTimeMillis() / 1000.0);
      try {
        ServiceClient.Response r = client.getText("/q/metrics", TIMEOUT);
        for (String line : r.body().split("\n")) {
          if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
            m.merge("heap_mb", value(line) / 1048576, Double::sum);
          } else if (line.startsWith("process_files_open_files")) {
            m.put("open_files", value(line));
          } else if (line.startsWith("jvm_threads_live_threads")) {
            m.put("threads", value(line));
          }
        }
      } catch (CliFailure e) {
        m.put("unreachable", 1.0);
      }
      samples.get(name).add(m);
    });
  }

  /** First and last sample of each metric, and its least-squares slope per minute. */
  static Map<String, Object> trend(List<Map<String, Double>> samples) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String metric : List.of("heap_mb", "open_files", "threads")) {
      List<double[]> points = new ArrayList<>();
      for (Map<String, Double> s : samples) {
        if (s.containsKey(metric)) {
          points.add(new double[] {s.get("t") / 60, s.get(metric)});
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", round(points.get(0)[1]));
      m.put("end", round(points.get(points.size() - 1)[1]));
      m.put("slope_per_min", round(slope(points)));
      out.put(metric, m);
    }
    out.put("samples", samples.size());
    return out;
  }

  static double slope(List<double[]> points) {
    if (points.size() < 2) {
      return 0;
    }
    double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (double[] p : points) {
      num += (p[0] - mx) * (p[1] - my);
      den += (p[0] - mx) * (p[0] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  private static double value(String line) {
    try {
      return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
