package io.odqa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./odqa bench retune} and {@code ./odqa bench soak}: benchmarks that run against the live
 * services.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks against the running services.",
    subcommands = {RetuneBenchCommand.class, SoakCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is needed: retune or soak");
  }
}
