package io.odqa.cli;

/**
 * An expected failure of a command that is not the user's typing: a service is down, refused
 * the request or answered something unexpected. The command line prints the message (no stack
 * trace) and exits with status 1.
 */
final class CliFailure extends RuntimeException {
  CliFailure(String message) {
    super(message);
  }

  CliFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
