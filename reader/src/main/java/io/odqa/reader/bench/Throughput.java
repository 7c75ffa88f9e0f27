package io.odqa.reader.bench;

import io.odqa.reader.read.SpanReader;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * Windows per second of two engines at one batch size, on the same batches. The engines take
 * turns batch by batch (ours first on even batches, the peer first on odd ones), so a change of
 * load on the machine during a point slows both alike and the comparison stays paired. Warm-up
 * batches run until our engine has spent the warm-up time on them (at least one batch); measured
 * batches then run until our engine's forward time reaches the budget. Only forward passes are
 * timed (ids in, logits out, as {@link SpanReader.Forward} defines them); building and padding a
 * batch is not. Beside wall time, the process's CPU time is taken around each pass: it shows
 * how much of the machine each engine used.
 */
final class Throughput {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * One measured batch size.
   *
   * @param batch windows per forward pass
   * @param batches measured forward passes per engine
   * @param tokens real input tokens of the measured windows
   * @param padded input positions including padding
   * @param ours our engine's time
   * @param peer the peer's time
   */
  record Point(int batch, int batches, long tokens, long padded, Time ours, Time peer) {
    int windows() {
      return batch * batches;
    }

    double oursWps() {
      return windows() / ours.seconds();
    }

    double peerWps() {
      return windows() / peer.seconds();
    }

    /** Our rate over the peer's: above 1 when ours is faster. */
    double ratio() {
      return oursWps() / peerWps();
    }
  }

  /** Wall and process CPU seconds spent in one engine's forward passes. */
  record Time(double seconds, double cpuSeconds) {
    Time plus(long wallNanos, long cpuNanos) {
      return new Time(seconds + wallNanos / 1e9, cpuSeconds + cpuNanos / 1e9);
    }
  }

  private Throughput() {}

  /**
   * Measures {@code batch} on {@code ours} and {@code peer}; every measured batch's logits go
   * to {@code agreement}.
   */
  static Point measure(BenchWindows windows, int batch, SpanReader.Forward ours,
      SpanReader.Forward peer, Duration warmup, Duration budget, SpanAgreement agreement) {
    int i = 0;
    for (Time warm = new Time(0, 0); i == 0 || warm.seconds() * 1e9 < warmup.toNanos(); i++) {
      long[][][] in = BenchWindows.pad(windows.batch(i, batch));
      warm = run(ours, in, warm).time();
      run(peer, in, new Time(0, 0));
    }
    Time oursTime = new Time(0, 0);
    Time peerTime = new Time(0, 0);
    long tokens = 0;
    long padded = 0;
    int measured = 0;
    for (; measured == 0 || oursTime.seconds() * 1e9 < budget.toNanos(); measured++, i++) {
      List<BenchWindows.Item> items = windows.batch(i, batch);
      long[][][] in = BenchWindows.pad(items);
      Run a;
      Run b;
      if (measured % 2 == 0) {
        a = run(ours, in, oursTime);
        b = run(peer, in, peerTime);
      } else {
        b = run(peer, in, peerTime);
        a = run(ours, in, oursTime);
      }
      oursTime = a.time();
      peerTime = b.time();
      agreement.add(items, a.logits(), b.logits());
      tokens += items.stream().mapToLong(BenchWindows.Item::length).sum();
      padded += (long) in[0].length * in[0][0].length;
    }
    return new Point(batch, measured, tokens, padded, oursTime, peerTime);
  }

  /** One pass's logits and the engine's time after it. */
  private record Run(float[][][] logits, Time time) {}

  private static Run run(SpanReader.Forward forward, long[][][] in, Time before) {
    long cpu0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    float[][][] logits = forward.logits(in);
    long t1 = System.nanoTime();
    long cpu1 = OS.getProcessCpuTime();
    return new Run(logits, before.plus(t1 - t0, cpu1 - cpu0));
  }
}
