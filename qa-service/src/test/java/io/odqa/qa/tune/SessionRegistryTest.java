package io.odqa.qa.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Eviction and expiry of sessions on a clock the test moves. */
class SessionRegistryTest {
  /** A session that records being closed. */
  static final class Fake implements SessionRegistry.Closable {
    final String name;
    int closes;

    Fake(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  private final AtomicLong now = new AtomicLong();
  private final SessionRegistry<Fake> registry =
      new SessionRegistry<>(2, Duration.ofSeconds(10), now::get);

  @Test
  void addingBeyondTheCapClosesTheLeastRecentlyUsed() {
    Fake a = new Fake("a");
    Fake b = new Fake("b");
    Fake c = new Fake("c");
    registry.add("a", a);
    registry.add("b", b);
    use("a");
    assertEquals(List.of(b), registry.add("c", c));
    assertEquals(1, b.closes);
    assertFalse(registry.acquire("b").isPresent());
    assertEquals(0, a.closes + c.closes);
  }

  @Test
  void anIdleSessionIsEvictedBeforeOneInUse() {
    Fake a = new Fake("a");
    Fake b = new Fake("b");
    registry.add("a", a);
    registry.add("b", b);
    registry.acquire("a");
    registry.acquire("b");
    registry.release("b");
    registry.acquire("a");
    registry.release("a");
    registry.acquire("a");
    // a is the more recently used, but in use; b is idle.
    assertEquals(List.of(b), registry.add("c", new Fake("c")));
  }

  @Test
  void idleSessionsExpireButNotWhileInUse() {
    Fake a = new Fake("a");
    Fake b = new Fake("b");
    registry.add("a", a);
    registry.add("b", b);
    registry.acquire("a");
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertEquals(1, registry.sweep());
    assertEquals(1, b.closes);
    assertEquals(0, a.closes);
    registry.release("a");
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertEquals(0, registry.sweep());
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertFalse(registry.acquire("a").isPresent());
    assertEquals(1, a.closes);
    assertEquals(0, registry.size());
  }

  @Test
  void removeClosesOnce() {
    Fake a = new Fake("a");
    registry.add("a", a);
    assertTrue(registry.remove("a"));
    assertFalse(registry.remove("a"));
    assertEquals(1, a.closes);
  }

  private void use(String id) {
    registry.acquire(id);
    registry.release(id);
  }
}
