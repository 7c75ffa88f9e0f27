package io.odqa.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One Bucket4j token bucket per client, kept in a bounded Caffeine cache (a client unseen for
 * ten minutes starts again with a full bucket).
 */
@ApplicationScoped
public class RateLimiter {
  private final RateLimitConfig config;
  private final Cache<String, Bucket> buckets;

  public RateLimiter(RateLimitConfig config) {
    this.config = config;
    this.buckets = Caffeine.newBuilder()
        .maximumSize(config.maxClients())
        .expireAfterAccess(Duration.ofMinutes(10))
        .build();
  }

  /**
   * Takes one request from {@code client}'s bucket: empty when allowed, else the whole seconds
   * to wait (at least 1) before the next request will be.
   */
  public OptionalLong acquire(String client, boolean withKey) {
    if (!config.enabled()) {
      return OptionalLong.empty();
    }
    Bucket bucket = buckets.get((withKey ? "key:" : "addr:") + client, k -> withKey
        ? bucket(config.keyBurst(), config.keyPerSecond())
        : bucket(config.anonymousBurst(), config.anonymousPerSecond()));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    long nanos = probe.getNanosToWaitForRefill();
    return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }

  private static Bucket bucket(long burst, long perSecond) {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1))
            .build())
        .build();
  }
}
