package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./odqa fault [--scenario NAME ...]}: fault tests on the real servers. It starts a Kafka
 * broker and a Neo4j server of its own (other ports, another state root: a stack or CI running
 * beside it is never touched), runs the packaged services against them, breaks something in
 * each scenario and measures what was accepted, stored, duplicated and lost, and how long
 * recovery took. It prints one JSON object; the exit status is 1 when a scenario failed.
 * Progress goes to stderr, logs and data to {@code <work-dir>/runs/<id>/}.
 */
@Command(name = "fault", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fault tests on the real servers: Kafka restart under feedback load, Neo4j"
        + " stop, kill -9 of each service, disk full during ingest.")
public final class FaultCommand implements Callable<Integer> {
  static final List<String> SCENARIOS =
      List.of("kafka-restart", "neo4j-stop", "kill-services", "disk-full");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--scenario", paramLabel = "NAME", split = ",",
      description = "kafka-restart, neo4j-stop, kill-services or disk-full (default: all)")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--events", defaultValue = "100000",
      description = "kafka-restart: feedback events (default: ${DEFAULT-VALUE})")
  int events;

  @Option(names = "--clients", defaultValue = "8",
      description = "kafka-restart: concurrent feedback clients (default: ${DEFAULT-VALUE})")
  int clients;

  @Option(names = "--kafka-signal", defaultValue = "term",
      description = "kafka-restart: stop the broker with term (infra.sh stop) or kill (-9)")
  String kafkaSignal;

  @Option(names = "--kill", split = ",", paramLabel = "SERVICE",
      description = "kill-services: which of ingest, qa-service, feedback (default: all three)")
  List<String> kill = new ArrayList<>(ServiceKillScenario.SERVICES);

  @Option(names = "--feedback-events", defaultValue = "3000",
      description = "kill-services: feedback events sent once each (default: ${DEFAULT-VALUE})")
  int feedbackEvents;

  @Option(names = "--disk-mb", defaultValue = "24",
      description = "disk-full: size of ingest's tmpfs in MiB (default: ${DEFAULT-VALUE})")
  int diskMb;

  @Option(names = "--docs-per-job", defaultValue = "1000",
      description = "disk-full: documents per job (default: ${DEFAULT-VALUE})")
  int docsPerJob;

  @Option(names = "--root", defaultValue = ".", paramLabel = "DIR",
      description = "the repository: packaged services, deployments/local/infra.sh, models/")
  Path root;

  @Option(names = "--work-dir", paramLabel = "DIR",
      defaultValue = "${env:ODQA_HOME:-.odqa}/fault",
      description = "state of the fault servers and runs (default: ${DEFAULT-VALUE})")
  Path work;

  @Option(names = "--dist", paramLabel = "DIR", defaultValue = "${env:ODQA_HOME:-.odqa}/dist",
      description = "server jars to link instead of fetching them (default: ${DEFAULT-VALUE})")
  Path dist;

  @Override
  public Integer call() throws Exception {
    List<String> chosen = scenarios.isEmpty() ? SCENARIOS : scenarios;
    for (String s : chosen) {
      if (!SCENARIOS.contains(s)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--scenario must be among " + SCENARIOS + ", got '" + s + "'");
      }
    }
    if (!kafkaSignal.equals("term") && !kafkaSignal.equals("kill")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--kafka-signal must be term or kill, got '" + kafkaSignal + "'");
    }
    List<Scenario> plan = new ArrayList<>();
    try {
      for (String s : SCENARIOS) {
        if (chosen.contains(s)) {
          plan.add(switch (s) {
            case "kafka-restart" -> new KafkaRestartScenario(events, clients, 0.3,
                kafkaSignal.equals("kill"));
            case "neo4j-stop" -> new Neo4jStopScenario();
            case "kill-services" -> new ServiceKillScenario(kill, feedbackEvents);
            default -> new DiskFullScenario(diskMb, docsPerJob);
          });
        }
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> report = new LinkedHashMap<>();
    boolean failed;
    long t0 = System.nanoTime();
    try (FaultRun run = new FaultRun(root, work, Files.isDirectory(dist) ? dist : null, err)) {
      // Ctrl-C or SIGTERM: no service, server or mount of the run is left behind.
      Thread hook = new Thread(() -> {
        try {
          run.close();
        } catch (IOException | InterruptedException e) {
          err.println("fault: cleanup after interruption failed: " + e);
        }
      }, "fault-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        failed = runAll(run, plan, report);
      } finally {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    report.put("passed", !failed);
    report.put("seconds", FaultRun.seconds(t0));
    PrintWriter out = spec.commandLine().getOut();
    out.println(Http.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(report));
    out.flush();
    return failed ? 1 : 0;
  }

  /** Starts the servers and runs {@code plan} in order; whether a scenario failed. */
  private static boolean runAll(FaultRun run, List<Scenario> plan, Map<String, Object> report)
      throws IOException, InterruptedException {
    report.put("run", run.id);
    report.put("dir", run.dir.toString());
    Map<String, Object> results = new LinkedHashMap<>();
    report.put("scenarios", results);
    run.startInfra();
    boolean failed = false;
    for (Scenario scenario : plan) {
      run.log("scenario %s", scenario.name());
      Outcome out = new Outcome();
      long s0 = System.nanoTime();
      try {
        scenario.run(run, out);
      } catch (Exception e) {
        out.fail("aborted: " + e);
        run.log("scenario %s aborted: %s", scenario.name(), e);
      }
      out.put("seconds", FaultRun.seconds(s0));
      results.put(scenario.name(), out.json());
      failed |= out.failed();
      run.log("scenario %s: %s", scenario.name(), out.json().get("status"));
    }
    return failed;
  }
}
