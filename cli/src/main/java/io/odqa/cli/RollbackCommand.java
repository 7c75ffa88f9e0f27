package io.odqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./odqa rollback config|model|graph}: the QA service goes back to the config, reader
 * model or graph model it served before the current one. Prints {@code kind}, {@code from} and {@code to}.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve the previous pipeline config, reader model or graph model again.")
final class RollbackCommand implements Callable<Integer> {
  private static final Set<String> KINDS = Set.of("config", "model", "graph");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "config|model|graph", description = "what to roll back")
  String kind;

  @Option(names = "--qa-url", defaultValue = "${env:ODQA_QA_URL:-http://127.0.0.1:8080}",
      description = "QA service (default: $ODQA_QA_URL or ${DEFAULT-VALUE})")
  String qaUrl;

  @Option(names = "--json", description = "print the answer as one JSON object, last")
  boolean json;

  @Override
  public Integer call() {
    if (!KINDS.contains(kind)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "rollback needs 'config', 'model' or 'graph', got '" + kind + "'");
    }
    ServiceClient qa = ServiceClient.of(spec, "--qa-url", "qa-service", qaUrl);
    ServiceClient.Response r = qa.post("/api/v1/admin/rollback", Map.of("kind", kind),
        Duration.ofSeconds(60));
    if (r.status() != 200) {
      throw new CliFailure("rollback " + kind + " refused (HTTP " + r.status() + "): "
          + r.detail());
    }
    JsonNode answer = r.json();
    PrintWriter out = spec.commandLine().getOut();
    out.println(answer.path("kind").asText(kind) + " rolled back: "
        + answer.path("from").asText("?") + " -> " + answer.path("to").asText("?"));
    if (json) {
      out.println(Output.json(answer));
    }
    out.flush();
    return 0;
  }
}
