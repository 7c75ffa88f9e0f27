package io.odqa.qa.read;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The batches waiting for a forward pass, oldest first. A worker takes the oldest, then picks
 * the waiting batches that may join it (same model, room left, little padding), in order,
 * waiting a bounded time for more to arrive.
 *
 * @param <T> a waiting batch
 */
final class PassQueue<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<T> waiting = new ArrayDeque<>();

  /** Adds {@code items} at the tail, together. */
  void addAll(List<T> items) {
    lock.lock();
    try {
      waiting.addAll(items);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The oldest waiting batch; blocks until there is one. */
  T takeOldest() throws InterruptedException {
    lock.lock();
    try {
      while (waiting.isEmpty()) {
        arrived.await();
      }
      return waiting.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes, oldest first, each waiting batch that {@code joins} accepts (it is called once per
   * candidate, and may count what it accepted). While {@code full} is false and {@code
   * moreComing} is true, waits until {@code deadlineNanos} for new arrivals and looks again.
   */
  List<T> gather(Predicate<T> joins, BooleanSupplier full, BooleanSupplier moreComing,
      long deadlineNanos) throws InterruptedException {
    List<T> out = new ArrayList<>();
    lock.lock();
    try {
      int seen = 0;
      while (true) {
        Iterator<T> it = waiting.iterator();
        for (int skip = 0; skip < seen && it.hasNext(); skip++) {
          it.next();
        }
        while (it.hasNext() && !full.getAsBoolean()) {
          T t = it.next();
          if (joins.test(t)) {
            it.remove();
            out.add(t);
          } else {
            seen++;
          }
        }
        long left = deadlineNanos - System.nanoTime();
        if (full.getAsBoolean() || left <= 0 || !moreComing.getAsBoolean()) {
          return out;
        }
        arrived.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns everything waiting. */
  List<T> drain() {
    lock.lock();
    try {
      List<T> out = new ArrayList<>(waiting);
      waiting.clear();
      return out;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }
}
