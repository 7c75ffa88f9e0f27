package io.odqa.qa.read;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.odqa.qa.QaConfig;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.SpanReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs every forward pass of the reader: admission control and dynamic batching in one place.
 *
 * <ul>
 *   <li>At most {@code odqa.reader.passes} passes run at once, each on its own worker thread, so
 *       native memory is bounded by that number times one pass of {@code odqa.reader.batch-size}
 *       windows, whatever the number of requests in flight.
 *   <li>Submissions beyond that wait in a queue of {@code odqa.reader.queue-capacity}; when it
 *       is full, or a submission has waited longer than {@code odqa.reader.queue-timeout}, the
 *       request fails fast with {@link ReaderBusyException} (503 with {@code Retry-After}).
 *   <li>With batching on, a worker joins the waiting submissions of the same model into one
 *       pass of at most {@code batch-size} windows, and waits at most {@code
 *       odqa.reader.batching.max-wait} for more to arrive (the scheme of DJL Serving's and
 *       Triton's dynamic batchers): no submission waits longer than that cap plus the pass in
 *       front of it.
 * </ul>
 *
 * Queue length, waits, pass sizes and rejections are exported as {@code odqa_reader_*} metrics.
 */
@ApplicationScoped
public class ForwardScheduler {
  private static final Logger LOG = Logger.getLogger(ForwardScheduler.class);

  /** One request's batches; its admission permit is returned when the last one starts. */
  private static final class Request {
    final ReaderModel model;
    final long enqueued = System.nanoTime();
    final AtomicInteger waiting;

    Request(ReaderModel model, int batches) {
      this.model = model;
      this.waiting = new AtomicInteger(batches);
    }
  }

  /** One batch of a request, waiting for a pass. */
  private record Job(Request request, long[][][] inputs, CompletableFuture<float[][][]> result) {
    int rows() {
      return inputs[0].length;
    }

    int seq() {
      return inputs[0][0].length;
    }
  }

  private final int maxRows;
  /** Switchable at run time, so that a benchmark compares batching on and off in one run. */
  private volatile boolean batching;
  private final double maxPadding;
  private final long maxWaitNanos;
  private final long queueTimeoutNanos;
  private final int workers;
  private final int capacity;
  private final PassQueue<Job> queue = new PassQueue<>();
  private final Semaphore admission;
  private final AtomicInteger active = new AtomicInteger();
  /** Requests inside the read stage: tokenising, waiting, or in a pass. */
  private final AtomicInteger readers = new AtomicInteger();
  /**
   * Exponentially weighted mean time a waiting batch costs: a pass's time over the batches it
   * joined. The queue's work is its length times this, for admission and {@code Retry-After}.
   */
  private final AtomicLong meanBatchNanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(500));
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;
  private final Meters meters;

  ForwardScheduler(QaConfig config, MeterRegistry registry) {
    QaConfig.ReaderModelConfig r = config.reader();
    this.maxRows = check("odqa.reader.batch-size", r.batchSize(), 1, 1024);
    this.workers = check("odqa.reader.passes", r.passes(), 1, 64);
    this.capacity = check("odqa.reader.queue-capacity", r.queueCapacity(), 1, 100_000);
    this.batching = r.batching().enabled();
    this.maxPadding = r.batching().maxPadding();
    this.maxWaitNanos = r.batching().maxWait().toNanos();
    this.queueTimeoutNanos = r.queueTimeout().toNanos();
    if (queueTimeoutNanos <= 0) {
      throw new IllegalArgumentException("odqa.reader.queue-timeout must be positive, got "
          + r.queueTimeout());
    }
    if (maxWaitNanos < 0 || maxWaitNanos > TimeUnit.SECONDS.toNanos(1)) {
      throw new IllegalArgumentException("odqa.reader.batching.max-wait must be in [0, 1s], got "
          + r.batching().maxWait());
    }
    if (!(maxPadding >= 0 && maxPadding <= 100)) {
      throw new IllegalArgumentException("odqa.reader.batching.max-padding must be in [0, 100],"
          + " got " + maxPadding);
    }
    this.admission = new Semaphore(capacity);
    this.meters = new Meters(registry);
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::work, "reader-pass-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    LOG.infof("reader scheduler: %d pass(es) at once, %d windows per pass, queue %d requests, "
        + "batching %s (max wait %d µs, max padding %.2f), queue timeout %d ms", workers,
        maxRows, capacity, batching ? "on" : "off", maxWaitNanos / 1000, maxPadding,
        queueTimeoutNanos / 1_000_000);
  }

  /** The scheduler's meters, {@code odqa_reader_*} in Prometheus. */
  private final class Meters {
    final Timer queueWait;
    final Timer pass;
    final DistributionSummary windowsPerPass;
    final DistributionSummary batchesPerPass;
    final Counter rejectedFull;
    final Counter rejectedTimeout;

    Meters(MeterRegistry registry) {
      Gauge.builder("odqa.reader.queue.waiting", queue, PassQueue::size)
          .description("reader batches waiting for a forward pass").register(registry);
      Gauge.builder("odqa.reader.queue.requests", admission, s -> capacity - s.availablePermits())
          .description("requests with batches still waiting").register(registry);
      Gauge.builder("odqa.reader.queue.capacity", () -> capacity)
          .description("requests that may wait before 503").register(registry);
      Gauge.builder("odqa.reader.passes.active", active, AtomicInteger::get)
          .description("forward passes running now").register(registry);
      queueWait = Timer.builder("odqa.reader.queue.wait").description("time from submission to "
          + "the start of its pass").publishPercentileHistogram().register(registry);
      pass = Timer.builder("odqa.reader.pass").description("duration of one forward pass")
          .publishPercentileHistogram().register(registry);
      windowsPerPass = DistributionSummary.builder("odqa.reader.pass.windows")
          .description("windows in one forward pass").register(registry);
      batchesPerPass = DistributionSummary.builder("odqa.reader.pass.submissions")
          .description("batches (of one or more requests) joined into one pass")
          .register(registry);
      rejectedFull = rejections(registry, "queue_full");
      rejectedTimeout = rejections(registry, "queue_timeout");
    }

    private static Counter rejections(MeterRegistry registry, String reason) {
      return Counter.builder("odqa.reader.rejected").tag("reason", reason)
          .description("reader requests refused with 503").register(registry);
    }
  }

  private static int check(String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got "
          + value);
    }
    return value;
  }

  /**
   * Runs one request's read stage ({@code work} submits its passes here). The scheduler counts
   * such requests, so that a pass waits for more windows only while another request is on its
   * way: a lone request never pays the batching wait.
   */
  public <T> T reading(Supplier<T> work) {
    readers.incrementAndGet();
    try {
      return work.get();
    } finally {
      readers.decrementAndGet();
    }
  }

  /** Whether passes join other requests' batches now. */
  public boolean batching() {
    return batching;
  }

  /** Turns batching across requests on or off; passes already running are unaffected. */
  public void setBatching(boolean enabled) {
    if (enabled != batching) {
      LOG.infof("reader batching across requests turned %s", enabled ? "on" : "off");
    }
    batching = enabled;
  }

  /** Most windows one batch may carry: a pass's batch size. */
  public int maxWindows() {
    return maxRows;
  }

  /** Padding a pass may carry, as a fraction of its real tokens. */
  public double maxPadding() {
    return maxPadding;
  }

  /**
   * Throws {@link ReaderBusyException} when the queue is full now, or already holds more work
   * than a request may wait for ({@code queue-timeout}): such a request would only be refused
   * later, after spending retrieval work and the client's time. Counted as {@code queue_full}.
   */
  public void checkCapacity() {
    if (admission.availablePermits() == 0 || queuedWorkNanos() > queueTimeoutNanos) {
      throw refuseFull();
    }
  }

  private long queuedWorkNanos() {
    return (long) ((double) queue.size() / workers * meanBatchNanos.get());
  }

  private ReaderBusyException refuseFull() {
    meters.rejectedFull.increment();
    return new ReaderBusyException(String.format(java.util.Locale.ROOT, "the reader's queue is "
        + "full (%d batches waiting, about %.1f s of work); retry later", queue.size(),
        queuedWorkNanos() / 1e9), retryAfterSeconds());
  }

  /** The logits of one batch; see {@link #forwardAll}. */
  public float[][][] forward(ReaderModel model, long[][][] inputs) {
    return forwardAll(model, List.<long[][][]>of(inputs)).get(0);
  }

  /**
   * Start and end logits {@code [2][rows][seq]} of {@code model} for each batch of inputs
   * {@code [3][rows][seq]}, in order, computed in passes perhaps shared with other requests.
   * The request is admitted as a whole, or refused as a whole; then it blocks until done.
   *
   * @throws ReaderBusyException when the queue is full or the wait exceeded the queue timeout
   */
  public List<float[][][]> forwardAll(ReaderModel model, List<long[][][]> batches) {
    for (long[][][] b : batches) {
      if (b[0].length == 0 || b[0].length > maxRows) {
        throw new IllegalArgumentException("a batch carries 1 to " + maxRows + " windows, got "
            + b[0].length);
      }
    }
    if (batches.isEmpty()) {
      return List.of();
    }
    if (queuedWorkNanos() > queueTimeoutNanos || !admission.tryAcquire()) {
      throw refuseFull();
    }
    Request request = new Request(model, batches.size());
    List<Job> jobs = batches.stream()
        .map(b -> new Job(request, b, new CompletableFuture<float[][][]>())).toList();
    queue.addAll(jobs);
    List<float[][][]> out = new ArrayList<>(jobs.size());
    try {
      for (Job j : jobs) {
        out.add(j.result().get());
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("forward pass failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReaderBusyException("interrupted while waiting for the reader", 1);
    }
  }

  /** Seconds until the queue in front of a new request has likely drained, at least 1. */
  long retryAfterSeconds() {
    return (long) Math.ceil((queuedWorkNanos() + meanBatchNanos.get()) / 1e9);
  }

  private void work() {
    while (running) {
      try {
        Job first = queue.takeOldest();
        List<Job> pass = new ArrayList<>();
        pass.add(first);
        if (batching) {
          pass.addAll(joiners(first));
        }
        run(pass);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * The waiting batches that join {@code first}'s pass: same model, the pass stays within
   * {@code batch-size} windows and, padded to its longest sequence, within {@code 1 +
   * max-padding} times its real tokens. Waits up to {@code max-wait} for more, but only while
   * some request in the read stage has not submitted yet.
   */
  private List<Job> joiners(Job first) throws InterruptedException {
    int[] rows = {first.rows()};
    int[] longest = {first.seq()};
    long[] real = {(long) first.rows() * first.seq()};
    return queue.gather(j -> {
      int seq = Math.max(longest[0], j.seq());
      long tokens = real[0] + (long) j.rows() * j.seq();
      boolean joins = j.request().model == first.request().model
          && rows[0] + j.rows() <= maxRows
          && (double) (rows[0] + j.rows()) * seq <= (1 + maxPadding) * tokens;
      if (joins) {
        rows[0] += j.rows();
        longest[0] = seq;
        real[0] = tokens;
      }
      return joins;
    }, () -> rows[0] >= maxRows, () -> readers.get() > active.get() + queue.size() + 1,
        System.nanoTime() + maxWaitNanos);
  }

  private void run(List<Job> batch) {
    long start = System.nanoTime();
    List<Job> live = new ArrayList<>(batch.size());
    for (Job j : batch) {
      if (j.request().waiting.decrementAndGet() == 0) {
        admission.release();
      }
      long waited = start - j.request().enqueued;
      meters.queueWait.record(waited, TimeUnit.NANOSECONDS);
      if (waited > queueTimeoutNanos) {
        meters.rejectedTimeout.increment();
        j.result().completeExceptionally(new ReaderBusyException("the request waited "
            + waited / 1_000_000 + " ms for the reader, longer than its queue timeout",
            retryAfterSeconds()));
      } else {
        live.add(j);
      }
    }
    if (live.isEmpty()) {
      return;
    }
    List<long[][][]> inputs = live.stream().map(Job::inputs).toList();
    active.incrementAndGet();
    try {
      float[][][] logits = SpanReader.logits(live.get(0).request().model,
          live.size() == 1 ? inputs.get(0) : Batches.join(inputs));
      float[][][][] parts = live.size() == 1 ? new float[][][][] {logits}
          : Batches.split(logits, inputs);
      for (int i = 0; i < live.size(); i++) {
        live.get(i).result().complete(parts[i]);
      }
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "forward pass of %d windows failed", inputs.stream()
          .mapToInt(in -> in[0].length).sum());
      live.forEach(j -> j.result().completeExceptionally(e));
    } finally {
      active.decrementAndGet();
      long took = System.nanoTime() - start;
      meters.pass.record(took, TimeUnit.NANOSECONDS);
      long perBatch = took / live.size();
      meanBatchNanos.getAndUpdate(m -> (long) (0.8 * m + 0.2 * perBatch));
      meters.windowsPerPass.record(inputs.stream().mapToInt(in -> in[0].length).sum());
      meters.batchesPerPass.record(live.size());
    }
  }

  @PreDestroy
  void close() {
    running = false;
    threads.forEach(Thread::interrupt);
    for (Job j : queue.drain()) {
      j.result().completeExceptionally(new ReaderBusyException("the service is stopping", 1));
    }
  }
}
