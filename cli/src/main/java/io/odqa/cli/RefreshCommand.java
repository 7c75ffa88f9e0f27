package io.odqa.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code ./odqa refresh}: fine-tunes the reader on the collection's feedback, as a job of the
 * feedback service. Its result has the keys of retune's, with {@code modelVersion} for {@code
 * configVersion}.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Refresh the reader model on the collection's feedback and wait for it.")
final class RefreshCommand extends JobCommand {
  @Override
  String kind() {
    return "refresh";
  }

  @Override
  void addParameters(Map<String, Object> body) {
    // refresh takes no parameter beyond the collection
  }
}
