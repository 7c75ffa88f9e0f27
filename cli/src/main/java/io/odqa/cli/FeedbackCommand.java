package io.odqa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./odqa feedback ...}: commands on the feedback topic. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
    description = "Commands on the feedback topic.", subcommands = ReplayCommand.class)
final class FeedbackCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is needed: feedback replay FILE");
  }
}
