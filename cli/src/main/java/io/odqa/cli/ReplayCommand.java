package io.odqa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./odqa feedback replay FILE}: publishes each line of a JSONL file of feedback events
 * to the feedback topic (see {@link JsonlReplay}). Prints {@code published}, {@code seconds}
 * and {@code topic}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Publish each line of a JSONL file to the feedback topic, keyed by eventId.")
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "JSONL, one event per line")
  Path file;

  @Option(names = "--topic", defaultValue = "odqa.feedback",
      description = "topic (default: ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--bootstrap-servers",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description = "Kafka (default: $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092)")
  String bootstrapServers;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "FILE: no readable file at '" + file + "'");
    }
    if (topic.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--topic must not be blank");
    }
    long start = System.nanoTime();
    long published;
    try (JsonlReplay replay = new JsonlReplay(bootstrapServers)) {
      published = replay.publish(file, topic);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "published %d line(s) of %s to %s in %.1f s%n", published, file, topic, seconds);
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("published", published);
      summary.put("seconds", Output.round(seconds));
      summary.put("topic", topic);
      out.println(Output.json(summary));
    }
    out.flush();
    return 0;
  }
}
