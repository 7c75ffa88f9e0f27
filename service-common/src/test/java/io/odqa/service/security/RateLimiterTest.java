package io.odqa.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private record Config(boolean enabled, long anonymousPerSecond, long anonymousBurst,
      long keyPerSecond, long keyBurst, long maxClients) implements RateLimitConfig {}

  @Test
  void aClientGetsItsBurstThenWaitsWhateverOthersDo() {
    RateLimiter limiter = new RateLimiter(new Config(true, 1, 3, 100, 100, 10));
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.acquire("10.0.0.1", false).isEmpty(), "request " + i);
    }
    OptionalLong wait = limiter.acquire("10.0.0.1", false);
    assertTrue(wait.isPresent());
    assertEquals(1, wait.getAsLong(), "one token a second: retry after 1 s");
    assertTrue(limiter.acquire("10.0.0.2", false).isEmpty(), "another address has its own");
    assertTrue(limiter.acquire("10.0.0.1", true).isEmpty(), "a key named like it is another");
  }

  @Test
  void keyedClientsHaveTheirOwnLimits() {
    RateLimiter limiter = new RateLimiter(new Config(true, 1, 1, 1, 5, 10));
    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      allowed += limiter.acquire("tuner", true).isEmpty() ? 1 : 0;
    }
    assertEquals(5, allowed);
  }

  @Test
  void offLimitsNothing() {
    RateLimiter limiter = new RateLimiter(new Config(false, 1, 1, 1, 1, 10));
    for (int i = 0; i < 100; i++) {
      assertTrue(limiter.acquire("10.0.0.1", false).isEmpty());
    }
  }
}
