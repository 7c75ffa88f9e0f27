package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs one job of the feedback service: {@code POST /api/v1/jobs} submits it, then {@code GET
 * /api/v1/jobs/{id}} is polled every {@link #POLL} until it has succeeded or failed, with its
 * progress on stderr. A job that is {@code interrupted} (its service restarted) is polled on,
 * in case the service resumes it; every wait is bounded by the caller's timeout.
 */
final class JobClient {
  static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** How long the service may be unreachable in a row while a job runs (a restart). */
  private static final Duration UNREACHABLE_GRACE = Duration.ofSeconds(60);
  private static final Set<String> FINAL = Set.of("succeeded", "failed");

  private final ServiceClient feedback;
  private final PrintWriter progress;

  JobClient(ServiceClient feedback, PrintWriter progress) {
    this.feedback = feedback;
    this.progress = progress;
  }

  /**
   * Submits {@code body} and returns the new job's id.
   *
   * @throws CliFailure when the service refuses it, with the problem's detail (409: a job of
   *     that kind is already running)
   */
  String submit(Map<String, Object> body) {
    ServiceClient.Response r = feedback.post("/api/v1/jobs", body, REQUEST_TIMEOUT);
    if (r.status() != 202 && r.status() != 200 && r.status() != 201) {
      throw new CliFailure(body.get("kind") + " refused (HTTP " + r.status() + "): " + r.detail());
    }
    JsonNode job = r.json();
    if (!job.path("id").isValueNode() || job.path("id").asText().isEmpty()) {
      throw new CliFailure("POST /api/v1/jobs answered no job id: " + r.body());
    }
    return job.get("id").asText();
  }

  /** Polls job {@code id} until it succeeded or failed, or {@code timeout} has passed. */
  JsonNode await(String id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long reachedAt = System.nanoTime();
    String shown = "";
    while (true) {
      JsonNode job = poll(id, reachedAt);
      if (job != null) {
        reachedAt = System.nanoTime();
        String line = describe(job);
        if (!line.equals(shown)) {
          progress.println(line);
          progress.flush();
          shown = line;
        }
        if (FINAL.contains(job.path("state").asText())) {
          return job;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new CliFailure("job " + id + " did not finish within " + timeout.toMinutes()
            + " min; it goes on in the service (GET /api/v1/jobs/" + id + ")");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * The job's status, or null while the service is unreachable (restarting) for less than
   * {@link #UNREACHABLE_GRACE} since {@code reachedAt}.
   */
  private JsonNode poll(String id, long reachedAt) {
    ServiceClient.Response r;
    try {
      r = feedback.get("/api/v1/jobs/" + id, REQUEST_TIMEOUT);
    } catch (CliFailure unreachable) {
      if (System.nanoTime() - reachedAt > UNREACHABLE_GRACE.toNanos()) {
        throw unreachable;
      }
      return null;
    }
    if (r.status() != 200) {
      throw new CliFailure("GET /api/v1/jobs/" + id + " answered HTTP " + r.status() + ": "
          + r.detail());
    }
    return r.json();
  }

  /** One progress line, such as {@code retune 7f3a: running trials 12/50 (24%)}. */
  static String describe(JsonNode job) {
    long done = job.path("progress").path("done").asLong(0);
    long total = job.path("progress").path("total").asLong(0);
    String line = job.path("kind").asText("job") + " " + job.path("id").asText() + ": "
        + job.path("state").asText("?");
    String stage = job.path("progress").path("stage").asText("");
    if (!stage.isBlank() && job.path("state").asText("").equals("running")) {
      line += " " + stage;
    }
    if (total > 0) {
      line += String.format(Locale.ROOT, " %d/%d (%d%%)", done, total, done * 100 / total);
    }
    if (job.path("error").isTextual()) {
      line += " - " + job.get("error").asText();
    }
    return line;
  }
}
