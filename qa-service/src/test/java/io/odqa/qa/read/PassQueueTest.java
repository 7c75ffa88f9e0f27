package io.odqa.qa.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The queue hands out the oldest batch first, lets a pass pick later ones that fit without
 * losing the order of those that do not, stops when the pass is full, and waits for arrivals
 * only while more are coming and only until the deadline.
 */
class PassQueueTest {
  @Test
  void gathersWhatFitsInOrderAndKeepsTheRest() throws InterruptedException {
    PassQueue<Integer> q = new PassQueue<>();
    q.addAll(List.of(5, 1, 8, 2, 3));
    assertEquals(5, q.takeOldest());
    AtomicInteger rows = new AtomicInteger(5);
    List<Integer> joined = q.gather(n -> n <= 3 && rows.addAndGet(n) > 0, () -> rows.get() >= 8,
        () -> false, System.nanoTime());
    assertEquals(List.of(1, 2), joined, "8 does not fit; 3 would, but the pass is full at 8");
    assertEquals(8, rows.get());
    assertEquals(List.of(8, 3), q.drain(), "the others keep their order");
  }

  @Test
  void waitsForArrivalsOnlyWhileMoreAreComing() throws InterruptedException {
    PassQueue<Integer> q = new PassQueue<>();
    long start = System.nanoTime();
    assertEquals(List.of(), q.gather(n -> true, () -> false, () -> false,
        start + TimeUnit.SECONDS.toNanos(5)));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "nothing coming: no wait");
    Thread producer = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
      q.addAll(List.of(7));
    });
    producer.start();
    AtomicInteger taken = new AtomicInteger();
    List<Integer> joined = q.gather(n -> taken.incrementAndGet() > 0, () -> taken.get() >= 1,
        () -> true, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    producer.join();
    assertEquals(List.of(7), joined, "an arrival within the wait joins");
  }

  @Test
  void aDeadlineInThePastTakesOnlyWhatIsThere() throws InterruptedException {
    PassQueue<Integer> q = new PassQueue<>();
    q.addAll(List.of(1));
    assertEquals(List.of(1), q.gather(n -> true, () -> false, () -> true, System.nanoTime() - 1));
    assertEquals(0, q.size());
  }
}
