package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.reader.read.SquadMetrics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Simulated users: each asks a question, judges the first answer against the gold answers by
 * SQuAD exact match (Rajpurkar et al., 2016; {@link SquadMetrics}) and sends that verdict as
 * feedback, with a stable event id ({@code sim-<collection>-<questionId>}) so that a rerun is
 * counted as a redelivery by the store, not as new feedback.
 *
 * <p>A 503 is retried after its {@code Retry-After} (at most {@link #MAX_WAIT} each time) up to
 * {@code retries} times; a question whose ask or feedback still fails is counted as failed and
 * the run goes on. Every loop is bounded by the number of questions and of retries.
 */
final class UserSimulator {
  /** Longest wait on one {@code Retry-After}, whatever the service asks. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration FEEDBACK_TIMEOUT = Duration.ofSeconds(30);
  private static final int PROGRESS_EVERY = 100;
  /** Status of a call that got no HTTP answer at all. */
  private static final int UNREACHABLE = 599;

  /** What a run counted; {@code em} is over the judged (correct + incorrect) questions. */
  record Result(long asked, long correct, long incorrect, long published, long failed,
      double seconds) {
    double em() {
      long judged = correct + incorrect;
      return judged == 0 ? 0 : (double) correct / judged;
    }

    Map<String, Object> asJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("asked", asked);
      m.put("correct", correct);
      m.put("incorrect", incorrect);
      m.put("published", published);
      m.put("failed", failed);
      m.put("em", Output.round(em()));
      m.put("seconds", Output.round(seconds));
      return m;
    }
  }

  private final ServiceClient qa;
  private final ServiceClient feedback;
  private final String collection;
  private final int retries;
  private final PrintWriter progress;
  private final LongAdder asked = new LongAdder();
  private final LongAdder correct = new LongAdder();
  private final LongAdder incorrect = new LongAdder();
  private final LongAdder published = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  UserSimulator(ServiceClient qa, ServiceClient feedback, String collection, int retries,
      PrintWriter progress) {
    this.qa = qa;
    this.feedback = feedback;
    this.collection = collection;
    this.retries = retries;
    this.progress = progress;
  }

  /** Asks every question once, from {@code clients} threads; returns the counts. */
  Result run(List<QuestionFile.Question> questions, int clients) throws InterruptedException {
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < questions.size()) {
          simulate(questions.get(i));
          if ((i + 1) % PROGRESS_EVERY == 0) {
            progress.printf("simulate-users: %d/%d%n", i + 1, questions.size());
            progress.flush();
          }
        }
      }, "simulated-user-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Result(asked.sum(), correct.sum(), incorrect.sum(), published.sum(), failed.sum(),
        (System.nanoTime() - start) / 1e9);
  }

  private void simulate(QuestionFile.Question q) {
    asked.increment();
    ServiceClient.Response ask = withRetries(() -> qa.post("/api/v1/ask",
        Map.of("question", q.question(), "collection", collection), ASK_TIMEOUT));
    if (ask.status() != 200) {
      fail(describe("ask", ask));
      return;
    }
    JsonNode response;
    try {
      response = ask.json();
    } catch (CliFailure e) {
      fail("ask: " + e.getMessage());
      return;
    }
    JsonNode first = response.path("answers").path(0);
    String text = first.path("text").asText("");
    boolean right = !text.isBlank() && SquadMetrics.exactMatch(text, q.answers()) == 1.0;
    (right ? correct : incorrect).increment();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "sim-" + collection + "-" + q.id());
    event.put("collection", collection);
    event.put("question", q.question());
    event.put("answer", text.isBlank() ? "(no answer)" : text);
    event.put("verdict", right ? "correct" : "incorrect");
    if (right && first.path("passageId").isTextual()) {
      event.put("passageId", first.get("passageId").asText());
    }
    if (!right) {
      event.put("correctAnswer", q.answers().get(0));
    }
    putText(event, "configVersion", response.path("configVersion"));
    putText(event, "modelVersion", response.path("modelVersion"));
    ServiceClient.Response sent = withRetries(
        () -> feedback.post("/api/v1/feedback", event, FEEDBACK_TIMEOUT));
    if (sent.status() == 202) {
      published.increment();
    } else {
      fail(describe("feedback", sent));
    }
  }

  /** The first failure's reason, for the report; null when none failed. */
  String firstFailure() {
    return firstFailure.get();
  }

  private static String describe(String call, ServiceClient.Response r) {
    return r.status() == UNREACHABLE ? r.body()
        : call + " answered HTTP " + r.status() + ": " + r.detail();
  }

  private void fail(String reason) {
    failed.increment();
    firstFailure.compareAndSet(null, reason);
  }

  private static void putText(Map<String, Object> event, String key, JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      event.put(key, value.asText());
    }
  }

  /**
   * The first answer that is not a 503, retrying at most {@code retries} times. A service that
   * cannot be reached answers a made-up 599 whose body says why.
   */
  private ServiceClient.Response withRetries(Supplier<ServiceClient.Response> call) {
    try {
      ServiceClient.Response r = call.get();
      for (int attempt = 0; r.status() == 503 && attempt < retries; attempt++) {
        long seconds = Math.max(1, r.retryAfterSeconds().orElse(1));
        TimeUnit.SECONDS.sleep(Math.min(seconds, MAX_WAIT.toSeconds()));
        r = call.get();
      }
      return r;
    } catch (CliFailure e) {
      return new ServiceClient.Response(UNREACHABLE, e.getMessage(), OptionalLong.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ServiceClient.Response(UNREACHABLE, "interrupted", OptionalLong.empty());
    }
  }
}
