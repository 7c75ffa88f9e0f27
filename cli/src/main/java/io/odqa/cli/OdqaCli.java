package io.odqa.cli;

import io.odqa.cli.fault.FaultCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code ./odqa} feedback-loop commands, one picocli subcommand each. Exit status: 0 on
 * success, 1 when a service refused or failed the request, 2 on bad arguments.
 */
@Command(name = "odqa", mixinStandardHelpOptions = true,
    description = "Feedback loop of the ODQA platform.",
    subcommands = {FeedbackCommand.class, SimulateUsersCommand.class, RetuneCommand.class,
        RefreshCommand.class, GraphRefreshCommand.class, ChampionCommand.class, RollbackCommand.class, BenchCommand.class,
        ConsoleUsersCommand.class, ApiKeysCommand.class, FaultCommand.class})
public final class OdqaCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line: a {@link CliFailure} prints its message and exits 1. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new OdqaCli());
    // ./odqa passes the repository's defaults (e.g. bench soak's --questions) before the user's.
    cli.setOverwrittenOptionsAllowed(true);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof CliFailure) {
        line.getErr().println("odqa: " + e.getMessage());
        line.getErr().flush();
        return 1;
      }
      throw e;
    });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }
}
