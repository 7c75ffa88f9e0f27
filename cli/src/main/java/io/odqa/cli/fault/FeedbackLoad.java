package io.odqa.cli.fault;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/v1/feedback} of events {@code <prefix>0 .. <prefix>(count-1)} from a few
 * client threads, each event once or, with {@code retry}, again with the same event id until
 * the service accepts it (202) or the deadline passes, as the API tells clients to do. A client
 * pauses after a failure (50 ms, doubling to 1 s while failures go on), so that an outage does not use up the events. Bounded
 * in count and time; it records which events were accepted.
 */
final class FeedbackLoad {
  private final Http http;
  private final String url;
  private final String prefix;
  private final String collection;
  private final int count;
  private final int clients;
  private final boolean retry;
  private final long deadlineNanos;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong acceptedCount = new AtomicLong();
  private final BitSet accepted = new BitSet();
  private final Map<String, Long> errors = new TreeMap<>();

  FeedbackLoad(Http http, String feedbackUrl, String prefix, String collection, int count,
      int clients, boolean retry, Duration limit) {
    this.http = http;
    this.url = feedbackUrl + "/api/v1/feedback";
    this.prefix = prefix;
    this.collection = collection;
    this.count = count;
    this.clients = clients;
    this.retry = retry;
    this.deadlineNanos = System.nanoTime() + limit.toNanos();
  }

  /** Sends every event (or until the deadline) and returns when all clients are done. */
  void run() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.submit(this::client);
    }
    pool.shutdown();
    pool.awaitTermination(deadlineNanos - System.nanoTime() + 60_000_000_000L,
        TimeUnit.NANOSECONDS);
    pool.shutdownNow();
  }

  private void client() {
    long backoff = 50;
    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
      String body = "{\"eventId\": \"" + prefix + i + "\", \"collection\": \"" + collection
          + "\", \"question\": \"fault question " + i + "?\", \"answer\": \"answer " + i
          + "\", \"verdict\": \"" + (i % 3 == 0 ? "correct" : "incorrect") + "\"}";
      while (System.nanoTime() < deadlineNanos) {
        attempts.incrementAndGet();
        Http.Reply r = http.post(url, body, "application/json", Duration.ofSeconds(30));
        if (r.ok()) {
          synchronized (accepted) {
            accepted.set(i);
          }
          acceptedCount.incrementAndGet();
          backoff = 50;
          break;
        }
        synchronized (errors) {
          errors.merge(r.kind(), 1L, Long::sum);
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(1_000, backoff * 2);
        if (!retry) {
          break;
        }
      }
      if (System.nanoTime() >= deadlineNanos) {
        return;
      }
    }
  }

  /** Events handed to a client so far (each sent at least once). */
  long sent() {
    return Math.min(next.get(), count);
  }

  long attempts() {
    return attempts.get();
  }

  long acceptedCount() {
    return acceptedCount.get();
  }

  boolean isAccepted(int i) {
    synchronized (accepted) {
      return accepted.get(i);
    }
  }

  Map<String, Long> errors() {
    synchronized (errors) {
      return new TreeMap<>(errors);
    }
  }
}
