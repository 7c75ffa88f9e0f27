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
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

  /** One caller's windows, waiting for a pass. */
  private record Job(ReaderModel model, long[][][] inputs, long enqueued,
      CompletableFuture<float[][][]> result) {
    int rows() {
      return inputs[0].length;
    }
  }

  private final int maxRows;
  private final boolean batching;
  private final long maxWaitNanos;
  private final long queueTimeoutNanos;
  private final int workers;
  private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
  private final Semaphore admission;
  private final AtomicInteger active = new AtomicInteger();
  /** Exponentially weighted mean pass time, for {@code Retry-After}. */
  private final AtomicLong meanPassNanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(500));
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  private final Timer queueWait;
  private final Timer pass;
  private final DistributionSummary windowsPerPass;
  private final DistributionSummary requestsPerPass;
  private final Counter rejectedFull;
  private final Counter rejectedTimeout;

  ForwardScheduler(QaConfig config, MeterRegistry registry) {
    QaConfig.ReaderModelConfig r = config.reader();
    this.maxRows = check("odqa.reader.batch-size", r.batchSize(), 1, 1024);
    this.workers = check("odqa.reader.passes", r.passes(), 1, 64);
    int capacity = check("odqa.reader.queue-capacity", r.queueCapacity(), 1, 100_000);
    this.batching = r.batching().enabled();
    this.maxWaitNanos = r.batching().maxWait().toNanos();
    this.queueTimeoutNanos = r.queueTimeout().toNanos();
    if (maxWaitNanos < 0 || maxWaitNanos > TimeUnit.SECONDS.toNanos(1)) {
      throw new IllegalArgumentException("odqa.reader.batching.max-wait must be in [0, 1s], got "
          + r.batching().maxWait());
    }
    this.admission = new Semaphore(capacity);
    Gauge.builder("odqa.reader.queue.waiting", queue, LinkedBlockingDeque::size)
        .description("reader submissions waiting for a forward pass").register(registry);
    Gauge.builder("odqa.reader.passes.active", active, AtomicInteger::get)
        .description("forward passes running now").register(registry);
    Gauge.builder("odqa.reader.queue.capacity", () -> capacity)
        .description("submissions that may wait before 503").register(registry);
    queueWait = Timer.builder("odqa.reader.queue.wait").description("time from submission to "
        + "the start of its pass").publishPercentileHistogram().register(registry);
    pass = Timer.builder("odqa.reader.pass").description("duration of one forward pass")
        .publishPercentileHistogram().register(registry);
    windowsPerPass = DistributionSummary.builder("odqa.reader.pass.windows")
        .description("windows in one forward pass").register(registry);
    requestsPerPass = DistributionSummary.builder("odqa.reader.pass.submissions")
        .description("submissions joined into one forward pass").register(registry);
    rejectedFull = rejections(registry, "queue_full");
    rejectedTimeout = rejections(registry, "queue_timeout");
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::work, "reader-pass-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    LOG.infof("reader scheduler: %d pass(es) at once, %d windows per pass, queue %d, "
        + "batching %s (max wait %d µs), queue timeout %d ms", workers, maxRows, capacity,
        batching ? "on" : "off", maxWaitNanos / 1000, queueTimeoutNanos / 1_000_000);
  }

  private static Counter rejections(MeterRegistry registry, String reason) {
    return Counter.builder("odqa.reader.rejected").tag("reason", reason)
        .description("reader submissions refused with 503").register(registry);
  }

  private static int check(String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got "
          + value);
    }
    return value;
  }

  /** Most windows one submission may carry: a pass's batch size. */
  public int maxWindows() {
    return maxRows;
  }

  /**
   * Start and end logits {@code [2][rows][seq]} of {@code model} for inputs {@code
   * [3][rows][seq]}, computed in some pass, perhaps together with other requests' windows.
   * Blocks until then.
   *
   * @throws ReaderBusyException when the queue is full or the wait exceeded the queue timeout
   */
  public float[][][] forward(ReaderModel model, long[][][] inputs) {
    if (inputs[0].length == 0 || inputs[0].length > maxRows) {
      throw new IllegalArgumentException("a submission carries 1 to " + maxRows
          + " windows, got " + inputs[0].length);
    }
    if (!admission.tryAcquire()) {
      rejectedFull.increment();
      throw new ReaderBusyException("the reader's queue is full (" + queue.size()
          + " waiting); retry later", retryAfterSeconds());
    }
    Job job = new Job(model, inputs, System.nanoTime(), new CompletableFuture<>());
    queue.offerLast(job);
    try {
      return job.result().get();
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

  /** Seconds until the queue in front of a new submission has likely drained, at least 1. */
  long retryAfterSeconds() {
    double passes = (double) queue.size() / workers + 1;
    return (long) Math.ceil(passes * meanPassNanos.get() / 1e9);
  }

  private void work() {
    while (running) {
      Job first;
      try {
        first = queue.takeFirst();
      } catch (InterruptedException e) {
        return;
      }
      List<Job> batch = new ArrayList<>();
      batch.add(first);
      if (batching) {
        gather(batch);
      }
      run(batch);
    }
  }

  /**
   * Adds waiting submissions of the same model to {@code batch} while they fit in one pass,
   * waiting at most the batching cap for more to arrive. A submission that does not fit goes
   * back to the head of the queue for the next pass.
   */
  private void gather(List<Job> batch) {
    ReaderModel model = batch.get(0).model();
    int rows = batch.get(0).rows();
    long deadline = System.nanoTime() + maxWaitNanos;
    while (rows < maxRows) {
      Job next;
      try {
        next = queue.pollFirst(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (next == null) {
        return;
      }
      if (next.model() != model || rows + next.rows() > maxRows) {
        queue.offerFirst(next);
        return;
      }
      batch.add(next);
      rows += next.rows();
    }
  }

  private void run(List<Job> batch) {
    long start = System.nanoTime();
    List<Job> live = new ArrayList<>(batch.size());
    for (Job j : batch) {
      admission.release();
      long waited = start - j.enqueued();
      queueWait.record(waited, TimeUnit.NANOSECONDS);
      if (waited > queueTimeoutNanos) {
        rejectedTimeout.increment();
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
      float[][][] logits = SpanReader.logits(live.get(0).model(),
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
      pass.record(took, TimeUnit.NANOSECONDS);
      meanPassNanos.getAndUpdate(m -> (long) (0.8 * m + 0.2 * took));
      windowsPerPass.record(inputs.stream().mapToInt(in -> in[0].length).sum());
      requestsPerPass.record(live.size());
    }
  }

  @PreDestroy
  void close() {
    running = false;
    threads.forEach(Thread::interrupt);
    Job j;
    while ((j = queue.pollFirst()) != null) {
      j.result().completeExceptionally(new ReaderBusyException("the service is stopping", 1));
    }
  }
}
