package io.odqa.service.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-client request limits ({@code odqa.limits.rate.*}): a token bucket per client that holds
 * {@code burst} requests and refills {@code per-second} of them each second. A client is its API
 * key's name when it sends a valid key, else its remote address (behind a load balancer, set
 * {@code quarkus.http.proxy.proxy-address-forwarding=true} so that this is the caller's).
 */
@ConfigMapping(prefix = "odqa.limits.rate")
public interface RateLimitConfig {
  /** Off: no request is limited. */
  @WithDefault("true")
  boolean enabled();

  /** Requests per second of a client without an API key. */
  @WithDefault("20")
  long anonymousPerSecond();

  /** The most requests a client without a key may make at once after a quiet spell. */
  @WithDefault("40")
  long anonymousBurst();

  /** Requests per second of a client with a valid API key (services, tools, operators). */
  @WithDefault("500")
  long keyPerSecond();

  /** The burst of a client with a valid API key. */
  @WithDefault("1000")
  long keyBurst();

  /** The most clients whose buckets are kept (least recently seen are dropped first). */
  @WithDefault("100000")
  long maxClients();
}
