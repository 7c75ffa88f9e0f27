package io.odqa.service.security;

import io.odqa.core.api.Problem;
import io.odqa.service.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits every REST request (health and metrics are not REST resources, so probes are never
 * limited) per client; a limited client gets 429 with {@code Retry-After}.
 */
public class RateLimitFilter {
  private final RateLimiter limiter;
  private final ApiKeyRegistry keys;

  public RateLimitFilter(RateLimiter limiter, ApiKeyRegistry keys) {
    this.limiter = limiter;
    this.keys = keys;
  }

  @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
  public Optional<Response> limit(HttpServerRequest request) {
    Optional<ApiKeyRegistry.Client> client =
        ApiKeyAuthenticationMechanism.presentedKey(request).flatMap(keys::lookup);
    OptionalLong retryAfter = client.isPresent()
        ? limiter.acquire(client.get().name(), true)
        : limiter.acquire(remoteAddress(request), false);
    if (retryAfter.isEmpty()) {
      return Optional.empty();
    }
    Response problem = ProblemMappers.respond(Problem.of(429,
        "too many requests from this client: retry after " + retryAfter.getAsLong() + " s"));
    return Optional.of(Response.fromResponse(problem)
        .header(HttpHeaders.RETRY_AFTER, retryAfter.getAsLong()).build());
  }

  private static String remoteAddress(HttpServerRequest request) {
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }
}
