package io.odqa.cli.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Kafka restarted under feedback load: {@code events} feedback events go to the feedback
 * service's {@code POST /api/v1/feedback} from a few clients, each retried with its event id
 * until accepted (202), as the API asks of clients. When {@code restartAt} of them are
 * accepted, the broker is stopped (SIGTERM through infra.sh, or SIGKILL) and started again.
 * Once the store settles, every event must be stored exactly once: the REST layer answers 503
 * while the broker is away, the producer and consumer reconnect by themselves, and the store
 * merges by event id what Kafka delivers twice.
 */
final class KafkaRestartScenario implements Scenario {
  private final int events;
  private final int clients;
  private final double restartAt;
  private final boolean kill;

  KafkaRestartScenario(int events, int clients, double restartAt, boolean kill) {
    if (events < 1 || clients < 1 || !(restartAt > 0 && restartAt < 1)) {
      throw new IllegalArgumentException("events and clients must be >= 1 and restartAt in"
          + " (0, 1); got " + events + ", " + clients + ", " + restartAt);
    }
    this.events = events;
    this.clients = clients;
    this.restartAt = restartAt;
    this.kill = kill;
  }

  @Override
  public String name() {
    return "kafka-restart";
  }

  @Override
  public void run(FaultRun run, Outcome out) throws Exception {
    String tag = run.id + "-kr";
    String prefix = "fault-" + tag + "-";
    Path data = run.dir.resolve("kafka-restart");
    Service feedback = run.service("feedback", data, Map.of(
        "ODQA_FEEDBACK_TOPIC", "odqa.feedback.fault-" + tag,
        // no retune or refresh jobs: they would call a qa-service that is not there
        "ODQA_TRIGGER_RETUNE_EVERY", "0", "ODQA_TRIGGER_REFRESH_EVERY", "0",
        "ODQA_TRIGGER_GRAPH_REFRESH_EVERY", "0", "ODQA_TRIGGER_ACCURACY_WINDOW", "0"),
        List.of("-Xmx512m", "-Dmp.messaging.incoming.feedback-in.group.id=odqa-feedback-store-"
            + tag));
    out.put("events", events).put("clients", clients)
        .put("kafka_signal", kill ? "SIGKILL" : "SIGTERM");
    out.put("feedback_start_s", feedback.start());
    try {
      FeedbackLoad load = new FeedbackLoad(run.http, feedback.url(), prefix, "fault", events,
          clients, true, Duration.ofMinutes(30));
      long t0 = System.nanoTime();
      Thread loader = new Thread(() -> {
        try {
          load.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "fault-feedback-load");
      loader.start();
      while (loader.isAlive() && load.acceptedCount() < (long) (events * restartAt)) {
        Thread.sleep(50);
      }
      long acceptedAtStop = load.acceptedCount();
      run.log("%d of %d accepted: %s Kafka", acceptedAtStop, events, kill ? "killing" : "stopping");
      long down = System.nanoTime();
      if (kill) {
        run.infra.kill(Infra.KAFKA);
      } else {
        run.infra.stop(Infra.KAFKA);
      }
      out.put("kafka_stop_s", FaultRun.seconds(down));
      long starting = System.nanoTime();
      run.infra.start(Infra.KAFKA);
      out.put("kafka_start_s", FaultRun.seconds(starting));
      out.put("kafka_down_s", FaultRun.seconds(down));
      long acceptedAtStart = load.acceptedCount();
      long up = System.nanoTime();
      run.log("Kafka ready again after %.1f s; %d accepted meanwhile", FaultRun.seconds(down),
          acceptedAtStart - acceptedAtStop);
      while (loader.isAlive() && load.acceptedCount() == acceptedAtStart
          && System.nanoTime() - up < 300_000_000_000L) {
        Thread.sleep(20);
      }
      out.put("accepting_again_after_kafka_ready_s", FaultRun.seconds(up));
      out.put("accepted_before_stop", acceptedAtStop);
      loader.join();
      out.put("load_s", FaultRun.seconds(t0));
      out.put("sent", load.sent()).put("attempts", load.attempts())
          .put("accepted", load.acceptedCount()).put("refused_attempts", load.errors());
      run.log("load done: %d accepted of %d in %d attempts; waiting for the store",
          load.acceptedCount(), events, load.attempts());
      out.put("settle_s", FeedbackTally.settle(run, prefix, events, Duration.ofSeconds(10),
          Duration.ofSeconds(120), Duration.ofMinutes(15)));
      FeedbackTally.record(run, prefix, load, events, out);
      out.put("total_s", FaultRun.seconds(t0));
      out.check(load.acceptedCount() == events, "every event accepted in the end");
      out.check(((Number) out.json().get("stored")).longValue() == events,
          "exactly " + events + " events stored");
    } finally {
      feedback.stop();
    }
  }
}
