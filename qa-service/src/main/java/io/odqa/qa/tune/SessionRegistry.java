package io.odqa.qa.tune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Live sessions by id, at most {@code max}: adding one more closes the least recently used (an
 * idle one if there is any), and a session idle longer than the timeout is closed. A session in
 * use is never expired; one evicted while in use is closed by the session itself once its work
 * is done. Thread-safe.
 */
final class SessionRegistry<S extends SessionRegistry.Closable> {
  /** A session: what the registry closes. */
  interface Closable {
    /** Frees the session's resources; must not fail. */
    void close();
  }

  private static final class Entry<S> {
    final S session;
    long lastUsed;
    int inUse;

    Entry(S session, long now) {
      this.session = session;
      this.lastUsed = now;
    }
  }

  private final int max;
  private final long idleNanos;
  private final LongSupplier clock;
  private final LinkedHashMap<String, Entry<S>> sessions = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * At most {@code max} sessions, each closed after {@code idle} unused; time comes from
   * {@code clock}, in nanoseconds.
   */
  SessionRegistry(int max, Duration idle, LongSupplier clock) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, got " + max);
    }
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("idle must be positive, got " + idle);
    }
    this.max = max;
    this.idleNanos = idle.toNanos();
    this.clock = clock;
  }

  /** Adds {@code session} under {@code id}; returns the sessions closed to make room. */
  List<S> add(String id, S session) {
    List<S> gone = new ArrayList<>();
    synchronized (this) {
      gone.addAll(expired());
      while (sessions.size() >= max) {
        gone.add(evictOne());
      }
      sessions.put(id, new Entry<>(session, clock.getAsLong()));
    }
    gone.forEach(SessionRegistry::close);
    return gone;
  }

  /** Marks session {@code id} in use and returns it; empty when unknown or expired. */
  Optional<S> acquire(String id) {
    List<S> gone;
    Optional<S> found;
    synchronized (this) {
      gone = expired();
      Entry<S> e = sessions.get(id);
      if (e != null) {
        e.inUse++;
        e.lastUsed = clock.getAsLong();
      }
      found = Optional.ofNullable(e).map(x -> x.session);
    }
    gone.forEach(SessionRegistry::close);
    return found;
  }

  /** Ends a use of session {@code id} begun by {@link #acquire}; its idle time starts now. */
  synchronized void release(String id) {
    Entry<S> e = sessions.get(id);
    if (e != null && e.inUse > 0) {
      e.inUse--;
      e.lastUsed = clock.getAsLong();
    }
  }

  /** Removes and closes session {@code id}; false when there was none. */
  boolean remove(String id) {
    Entry<S> e;
    synchronized (this) {
      e = sessions.remove(id);
    }
    if (e != null) {
      e.session.close();
    }
    return e != null;
  }

  /** Closes the sessions idle beyond the timeout; returns how many. */
  int sweep() {
    List<S> gone;
    synchronized (this) {
      gone = expired();
    }
    gone.forEach(SessionRegistry::close);
    return gone.size();
  }

  synchronized int size() {
    return sessions.size();
  }

  /** Closes every session. */
  void closeAll() {
    List<S> all = new ArrayList<>();
    synchronized (this) {
      sessions.values().forEach(e -> all.add(e.session));
      sessions.clear();
    }
    all.forEach(SessionRegistry::close);
  }

  private List<S> expired() {
    long now = clock.getAsLong();
    List<S> out = new ArrayList<>();
    for (Iterator<Entry<S>> it = sessions.values().iterator(); it.hasNext(); ) {
      Entry<S> e = it.next();
      if (e.inUse == 0 && now - e.lastUsed > idleNanos) {
        out.add(e.session);
        it.remove();
      }
    }
    return out;
  }

  /** The least recently used idle session, else the least recently used of all. */
  private S evictOne() {
    Map.Entry<String, Entry<S>> victim = null;
    for (Map.Entry<String, Entry<S>> e : sessions.entrySet()) {
      if (victim == null || (victim.getValue().inUse > 0 && e.getValue().inUse == 0)) {
        victim = e;
      }
      if (victim.getValue().inUse == 0) {
        break;
      }
    }
    sessions.remove(victim.getKey());
    return victim.getValue().session;
  }

  private static void close(Closable session) {
    session.close();
  }
}
