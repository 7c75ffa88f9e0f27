package io.odqa.cli;

import io.odqa.core.model.CollectionName;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks of arguments that several commands share; a bad value is a usage error (exit 2). */
final class Args {
  private Args() {}

  /** {@code value} when it is a legal collection name, by the services' own rule. */
  static String collection(CommandSpec spec, String value) {
    try {
      return new CollectionName(value).value();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }
}
