package io.odqa.cli.fault;

/** One fault: it sets up what it needs on the run's servers, breaks something and measures. */
interface Scenario {
  /** The name {@code --scenario} selects it by. */
  String name();

  /** Runs the scenario, recording values and checks in {@code out}; stops what it started. */
  void run(FaultRun run, Outcome out) throws Exception;
}
