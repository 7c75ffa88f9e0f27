package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the feedback store holds of one load's events, read from Neo4j: nodes, distinct event
 * ids, nodes beyond one per id (duplicated), events delivered more than once (redelivered, the
 * at-least-once part that the store absorbs), accepted events missing (lost), and events stored
 * though their request was not accepted (a timed-out publish that Kafka still took).
 */
final class FeedbackTally {
  private static final String COUNT =
      "MATCH (f:Feedback) WHERE f.eventId STARTS WITH $p RETURN count(f)";
  private static final String ROWS =
      "MATCH (f:Feedback) WHERE f.eventId STARTS WITH $p RETURN f.eventId, f.deliveries";

  private FeedbackTally() {}

  /**
   * Waits until the store holds at least {@code expected} events of {@code prefix} and the
   * count stayed put for {@code quiet}, or it stayed put for {@code giveUp} below that, or
   * {@code limit} passed; returns the seconds waited.
   */
  static double settle(FaultRun run, String prefix, long expected, Duration quiet,
      Duration giveUp, Duration limit) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    long last = -1;
    long since = System.nanoTime();
    long lastLog = 0;
    while (System.nanoTime() - t0 < limit.toNanos()) {
      long n;
      try {
        n = run.cypher.count(COUNT, Map.of("p", prefix));
      } catch (IOException e) {
        n = last;
      }
      if (n != last) {
        last = n;
        since = System.nanoTime();
      }
      long still = System.nanoTime() - since;
      if (n >= expected && still >= quiet.toNanos() || still >= giveUp.toNanos()) {
        break;
      }
      if (System.nanoTime() - lastLog > 10_000_000_000L) {
        run.log("stored %d of %d expected", n, expected);
        lastLog = System.nanoTime();
      }
      Thread.sleep(500);
    }
    return FaultRun.seconds(t0);
  }

  /** Records stored, duplicated, redelivered, lost and stored_not_accepted in {@code out}. */
  static void record(FaultRun run, String prefix, FeedbackLoad load, int count, Outcome out)
      throws IOException {
    List<JsonNode> rows = run.cypher.rows(ROWS, Map.of("p", prefix));
    Set<String> ids = new HashSet<>();
    long redelivered = 0;
    long deliveries = 0;
    for (JsonNode row : rows) {
      ids.add(row.path(0).asText());
      long d = row.path(1).asLong();
      deliveries += d;
      if (d > 1) {
        redelivered++;
      }
    }
    long lost = 0;
    long storedNotAccepted = 0;
    for (int i = 0; i < count; i++) {
      boolean stored = ids.contains(prefix + i);
      if (load.isAccepted(i) && !stored) {
        lost++;
      } else if (!load.isAccepted(i) && stored) {
        storedNotAccepted++;
      }
    }
    out.put("stored", ids.size());
    out.put("stored_nodes", rows.size());
    out.put("duplicated", rows.size() - ids.size());
    out.put("redelivered", redelivered);
    out.put("deliveries", deliveries);
    out.put("lost", lost);
    out.put("stored_not_accepted", storedNotAccepted);
    out.check(rows.size() == ids.size(), "no event id stored twice");
    out.check(lost == 0, "every accepted event stored (lost " + lost + ")");
  }
}
