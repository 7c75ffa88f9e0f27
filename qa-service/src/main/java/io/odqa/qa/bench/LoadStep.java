package io.odqa.qa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.api.ApiKey;
import io.odqa.reader.read.SquadMetrics;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One concurrency step of the ask benchmark: {@code clients} closed-loop threads ask questions
 * in turn until the step's time or request budget is spent, whichever comes first. Latencies of
 * answered requests go into an HdrHistogram; 503s and other failures are counted apart, so fast
 * rejections never flatter the percentiles. A client that gets a 503 waits as its {@code
 * Retry-After} asks (within the step), as a well-behaved client would. A refused connection
 * means the service is gone (killed, for instance, by the kernel's OOM killer): the step ends
 * there and says so.
 */
final class LoadStep {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  /** From {@code ODQA_API_KEY}: sent with every request when set. */
  private static final Optional<String> API_KEY = ApiKey.fromEnvironment();

  /** A question with its gold answers. */
  record Question(String question, List<String> answers) {}

  /** What one step measured; latencies in ms, memory in bytes (-1 when unknown). */
  record Result(int clients, double seconds, long answered, long rejected, long failed,
      double qps, double p50, double p95, double p99, double max, double em, double f1,
      long rssStart, long rssEnd, long rssMax, boolean serviceDown) {
    /** The step as the bench's JSON object: fractions and ms rounded to 3 places, MB. */
    Map<String, Object> asJson() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("clients", clients);
      s.put("seconds", round(seconds));
      s.put("qps", round(qps));
      s.put("p50_ms", round(p50));
      s.put("p95_ms", round(p95));
      s.put("p99_ms", round(p99));
      s.put("max_ms", round(max));
      s.put("answered", answered);
      s.put("rejected_503", rejected);
      s.put("failed", failed);
      s.put("em", round(em));
      s.put("f1", round(f1));
      s.put("rss_start_mb", mb(rssStart));
      s.put("rss_end_mb", mb(rssEnd));
      s.put("rss_max_mb", mb(rssMax));
      s.put("service_down", serviceDown);
      return s;
    }

    private static Long mb(long bytes) {
      return bytes < 0 ? null : bytes / (1024 * 1024);
    }
  }

  /** {@code v} rounded to three decimals, as the JSON report prints numbers. */
  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private final HttpClient client;
  private final URI ask;
  private final String collection;
  private final List<Question> questions;
  private final ServiceMemory memory;

  LoadStep(HttpClient client, String baseUrl, String collection, List<Question> questions,
      ServiceMemory memory) {
    this.client = client;
    this.ask = URI.create(baseUrl + "/api/v1/ask");
    this.collection = collection;
    this.questions = List.copyOf(questions);
    this.memory = memory;
  }

  /** What the clients of one step counted; shared by its threads. */
  private static final class Tally {
    final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(3);
    final LongAdder answered = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder failed = new LongAdder();
    final DoubleAdder em = new DoubleAdder();
    final DoubleAdder f1 = new DoubleAdder();
    final AtomicLong issued = new AtomicLong();
    final AtomicBoolean down = new AtomicBoolean();
  }

  /** Runs {@code clients} threads for at most {@code duration} and {@code maxRequests} asks. */
  Result run(int clients, Duration duration, long maxRequests) throws InterruptedException {
    Tally tally = new Tally();
    AtomicLong rssMax = new AtomicLong(-1);
    long rssStart = memory.residentBytes().orElse(-1);
    rssMax.accumulateAndGet(rssStart, Math::max);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> memory.residentBytes()
        .ifPresent(b -> rssMax.accumulateAndGet(b, Math::max)), 1, 1, TimeUnit.SECONDS);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> client(tally, deadline, maxRequests), "bench-client-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.shutdownNow();
    sampler.awaitTermination(5, TimeUnit.SECONDS);
    long rssEnd = memory.residentBytes().orElse(-1);
    rssMax.accumulateAndGet(rssEnd, Math::max);
    long ok = tally.answered.sum();
    Histogram h = tally.latencyMicros;
    return new Result(clients, seconds, ok, tally.rejected.sum(), tally.failed.sum(),
        ok / seconds, ms(h, 50), ms(h, 95), ms(h, 99), ok == 0 ? 0 : h.getMaxValue() / 1000.0,
        ok == 0 ? 0 : tally.em.sum() / ok, ok == 0 ? 0 : tally.f1.sum() / ok, rssStart, rssEnd,
        rssMax.get(), tally.down.get());
  }

  /** One closed-loop client: asks the next question until the step's budget is spent. */
  private void client(Tally tally, long deadline, long maxRequests) {
    long n;
    while (!tally.down.get() && System.nanoTime() < deadline
        && (n = tally.issued.getAndIncrement()) < maxRequests) {
      Question q = questions.get((int) (n % questions.size()));
      long t0 = System.nanoTime();
      Outcome o = askOnce(q);
      switch (o.kind) {
        case ANSWERED -> {
          tally.latencyMicros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
          tally.answered.increment();
          tally.em.add(o.em);
          tally.f1.add(o.f1);
        }
        case REJECTED -> {
          tally.rejected.increment();
          sleepUntil(Math.min(deadline, System.nanoTime() + o.retryAfterNanos));
        }
        case FAILED -> tally.failed.increment();
        case REFUSED -> {
          tally.failed.increment();
          tally.down.set(true);
        }
      }
    }
  }

  /** REFUSED: no connection at all; the service is gone and the step ends. */
  private enum Kind { ANSWERED, REJECTED, FAILED, REFUSED }

  private record Outcome(Kind kind, double em, double f1, long retryAfterNanos) {}

  private Outcome askOnce(Question q) {
    try {
      String body = JSON.writeValueAsString(Map.of("question", q.question(),
          "collection", collection));
      HttpResponse<String> r = client.send(ApiKey.attach(HttpRequest.newBuilder(ask),
          API_KEY).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 503) {
        long seconds = r.headers().firstValueAsLong("Retry-After").orElse(1);
        return new Outcome(Kind.REJECTED, 0, 0, TimeUnit.SECONDS.toNanos(Math.max(1, seconds)));
      }
      if (r.statusCode() != 200) {
        return new Outcome(Kind.FAILED, 0, 0, 0);
      }
      JsonNode first = JSON.readTree(r.body()).path("answers").path(0);
      String best = first.isMissingNode() ? "" : first.path("text").asText("");
      return new Outcome(Kind.ANSWERED, SquadMetrics.exactMatch(best, q.answers()),
          SquadMetrics.f1(best, q.answers()), 0);
    } catch (ConnectException e) {
      return new Outcome(Kind.REFUSED, 0, 0, 0);
    } catch (IOException e) {
      return new Outcome(Kind.FAILED, 0, 0, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(Kind.FAILED, 0, 0, 0);
    }
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static void sleepUntil(long nanoTime) {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
