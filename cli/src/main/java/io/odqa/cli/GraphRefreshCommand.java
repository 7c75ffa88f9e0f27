package io.odqa.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code ./odqa refresh-graph}: retrains the graph stage's path classifier and answer ranker on
 * the collection's feedback, as a job of the feedback service. Its result has the keys of
 * refresh's, with {@code graphModelVersion} for {@code modelVersion}.
 */
@Command(name = "refresh-graph", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Refresh the graph stage's model on the collection's feedback and wait for it.")
final class GraphRefreshCommand extends JobCommand {
  @Override
  String kind() {
    return "graph-refresh";
  }

  @Override
  void addParameters(Map<String, Object> body) {
    // a graph refresh takes no parameter beyond the collection
  }
}
