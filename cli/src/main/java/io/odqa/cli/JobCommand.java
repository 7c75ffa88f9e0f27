package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * A command that runs one job of the feedback service and waits for it (see {@link
 * JobClient}). Prints the job's {@code result}, with {@code --json} as the last line; exits 0
 * when the job succeeded and 1 otherwise.
 */
abstract class JobCommand implements Callable<Integer> {
  private static final int MAX_TIMEOUT_MINUTES = 24 * 60;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--collection", required = true, description = "collection whose feedback to use")
  String collection;

  @Option(names = "--timeout-minutes", defaultValue = "120",
      description = "stop waiting after this long; the job goes on (default: ${DEFAULT-VALUE})")
  int timeoutMinutes;

  @Option(names = "--feedback-url",
      defaultValue = "${env:ODQA_FEEDBACK_URL:-http://127.0.0.1:8082}",
      description = "feedback service (default: $ODQA_FEEDBACK_URL or ${DEFAULT-VALUE})")
  String feedbackUrl;

  @Option(names = "--json", description = "print the result as one JSON object, last")
  boolean json;

  /** The job's kind, as {@code POST /api/v1/jobs} names it. */
  abstract String kind();

  /** Validates the command's own options and adds them to the job's body. */
  abstract void addParameters(Map<String, Object> body);

  @Override
  public Integer call() throws InterruptedException {
    if (timeoutMinutes < 1 || timeoutMinutes > MAX_TIMEOUT_MINUTES) {
      throw usage("--timeout-minutes must be in [1, " + MAX_TIMEOUT_MINUTES + "], got "
          + timeoutMinutes);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind());
    body.put("collection", Args.collection(spec, collection));
    addParameters(body);
    PrintWriter err = spec.commandLine().getErr();
    JobClient jobs = new JobClient(
        ServiceClient.of(spec, "--feedback-url", "feedback", feedbackUrl), err);
    String id = jobs.submit(body);
    JsonNode job = jobs.await(id, Duration.ofMinutes(timeoutMinutes));
    boolean succeeded = "succeeded".equals(job.path("state").asText());
    PrintWriter out = spec.commandLine().getOut();
    out.println(kind() + " " + id + " " + job.path("state").asText()
        + (job.path("error").isTextual() ? ": " + job.get("error").asText() : ""));
    JsonNode result = job.path("result");
    if (result.isObject()) {
      Output.fields(out, result);
    }
    if (json) {
      out.println(Output.json(result.isMissingNode() ? null : result));
    }
    out.flush();
    return succeeded ? 0 : 1;
  }

  CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
