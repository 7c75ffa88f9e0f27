package io.odqa.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.api.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A problem body for what HTTP itself refuses before a resource runs: a request whose
 * Content-Length is over {@code quarkus.http.limits.max-body-size} gets 413 naming the limit.
 * A body up to {@link #DRAIN_BYTES} over the limit is read and dropped first, so that a client
 * still writing it reads the 413 instead of a reset connection; a larger one, or one announced
 * with {@code Expect: 100-continue}, gets the 413 at once and the connection closes unread.
 */
@ApplicationScoped
public class TransportProblems {
  /** How many bytes past the limit are read and dropped to deliver the 413 cleanly. */
  static final long DRAIN_BYTES = 16L * 1024 * 1024;

  private final ObjectMapper mapper;
  private final MemorySize maxBodySize;

  TransportProblems(ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.mapper = mapper;
    this.maxBodySize = maxBodySize;
  }

  /** Runs before Quarkus's own check of the same limit, which answers 413 with no body. */
  void install(@Observes Router router) {
    long limit = maxBodySize.asLongValue();
    router.route().order(Integer.MIN_VALUE).handler(ctx -> {
      long length = contentLength(ctx.request().getHeader("Content-Length"));
      if (length <= limit) {
        ctx.next();
        return;
      }
      String body = json(Problem.of(413, "the request body has " + length + " bytes, more"
          + " than this service's limit of " + limit + " (quarkus.http.limits.max-body-size)"));
      HttpServerResponse response = ctx.response().setStatusCode(413)
          .putHeader("Content-Type", Problem.MEDIA_TYPE);
      boolean announced = "100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"));
      if (announced || length > limit + DRAIN_BYTES) {
        response.putHeader("Connection", "close").end(body);
        return;
      }
      ctx.request().handler(ignored -> { }).endHandler(done -> response.end(body));
      ctx.request().resume();
    });
  }

  private static long contentLength(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private String json(Problem problem) {
    try {
      return mapper.writeValueAsString(problem);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a problem is always serialisable", e);
    }
  }
}
