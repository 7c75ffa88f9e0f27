package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./odqa champion}: the config, reader model and graph model now served, as the feedback
 * service has them.
 */
@Command(name = "champion", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show the champions: the pipeline config, reader and graph model now served.")
final class ChampionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--feedback-url",
      defaultValue = "${env:ODQA_FEEDBACK_URL:-http://127.0.0.1:8082}",
      description = "feedback service (default: $ODQA_FEEDBACK_URL or ${DEFAULT-VALUE})")
  String feedbackUrl;

  @Option(names = "--json", description = "print the champion as one JSON object")
  boolean json;

  @Override
  public Integer call() {
    ServiceClient feedback = ServiceClient.of(spec, "--feedback-url", "feedback", feedbackUrl);
    ServiceClient.Response r = feedback.get("/api/v1/champion", Duration.ofSeconds(30));
    if (r.status() != 200) {
      throw new CliFailure("champion: HTTP " + r.status() + ": " + r.detail());
    }
    JsonNode champion = r.json();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Output.json(champion));
    } else {
      out.println("champion:");
      Output.fields(out, champion);
    }
    out.flush();
    return 0;
  }
}
