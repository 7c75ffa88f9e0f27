package io.odqa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./odqa simulate-users}: users ask the QA service questions with known answers and
 * send their verdicts to the feedback service (see {@link UserSimulator}). Prints {@code asked},
 * {@code correct}, {@code incorrect}, {@code published}, {@code failed}, {@code em} and {@code
 * seconds}; exits 1 when any question failed.
 */
@Command(name = "simulate-users", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Ask questions with gold answers and send the verdicts as feedback.")
final class SimulateUsersCommand implements Callable<Integer> {
  private static final int MAX_CLIENTS = 64;
  private static final int MAX_RETRIES = 100;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--collection", required = true, description = "collection to ask")
  String collection;

  @Option(names = "--questions", required = true, paramLabel = "FILE",
      description = "JSONL in SQuAD-open or MetaQA format (question, answers)")
  Path questions;

  @Option(names = "--limit", description = "use at most N questions (after --offset)")
  Integer limit;

  @Option(names = "--offset", defaultValue = "0", description = "skip the first N questions")
  int offset;

  @Option(names = "--clients", defaultValue = "1",
      description = "concurrent users, 1 to 64 (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--retries", defaultValue = "5",
      description = "retries of a 503 per call, after its Retry-After (default: ${DEFAULT-VALUE})")
  int retries;

  @Option(names = "--qa-url", defaultValue = "${env:ODQA_QA_URL:-http://127.0.0.1:8080}",
      description = "QA service (default: $ODQA_QA_URL or ${DEFAULT-VALUE})")
  String qaUrl;

  @Option(names = "--feedback-url",
      defaultValue = "${env:ODQA_FEEDBACK_URL:-http://127.0.0.1:8082}",
      description = "feedback service (default: $ODQA_FEEDBACK_URL or ${DEFAULT-VALUE})")
  String feedbackUrl;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<QuestionFile.Question> asked = load();
    UserSimulator simulator = new UserSimulator(
        ServiceClient.of(spec, "--qa-url", "qa-service", qaUrl),
        ServiceClient.of(spec, "--feedback-url", "feedback", feedbackUrl), collection, retries,
        spec.commandLine().getErr());
    UserSimulator.Result r = simulator.run(asked, clients);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "asked %d: correct %d, incorrect %d, failed %d; published %d; "
            + "EM %.3f; %.1f s%n", r.asked(), r.correct(), r.incorrect(), r.failed(),
        r.published(), r.em(), r.seconds());
    if (simulator.firstFailure() != null) {
      out.println("first failure: " + simulator.firstFailure());
    }
    if (json) {
      out.println(Output.json(r.asJson()));
    }
    out.flush();
    return r.failed() == 0 ? 0 : 1;
  }

  private List<QuestionFile.Question> load() throws IOException {
    if (limit != null && limit < 1) {
      throw usage("--limit must be a positive whole number, got " + limit);
    }
    if (offset < 0) {
      throw usage("--offset must be 0 or more, got " + offset);
    }
    if (clients < 1 || clients > MAX_CLIENTS) {
      throw usage("--clients must be in [1, " + MAX_CLIENTS + "], got " + clients);
    }
    if (retries < 0 || retries > MAX_RETRIES) {
      throw usage("--retries must be in [0, " + MAX_RETRIES + "], got " + retries);
    }
    Args.collection(spec, collection);
    if (!Files.isRegularFile(questions) || !Files.isReadable(questions)) {
      throw usage("--questions: no readable file at '" + questions + "'");
    }
    List<QuestionFile.Question> read;
    try {
      read = QuestionFile.read(questions, offset, limit == null ? Integer.MAX_VALUE : limit);
    } catch (QuestionFile.BadLine e) {
      throw usage("--questions: " + e.getMessage());
    }
    if (read.isEmpty()) {
      throw usage("--questions: no questions in '" + questions + "' after --offset " + offset);
    }
    return read;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
