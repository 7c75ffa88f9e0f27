package io.odqa.ingest.api;

import static io.odqa.service.ProblemMappers.respond;

import io.odqa.core.api.Problem;
import io.odqa.ingest.source.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The ingest service's own errors as {@code application/problem+json}, with the per-item errors
 * of a rejected batch; validation and framework errors are mapped by {@code
 * io.odqa.service.ProblemMappers}.
 */
public class IngestProblemMappers {

  @ServerExceptionMapper
  public Response badRequest(BadRequestException e) {
    return respond(Problem.of(e.status(), e.getMessage(), e.errors()));
  }
}
