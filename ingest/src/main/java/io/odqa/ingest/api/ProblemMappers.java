package io.odqa.ingest.api;

import io.odqa.core.api.Problem;
import io.odqa.ingest.source.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns exceptions into {@code application/problem+json} responses. */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response badRequest(BadRequestException e) {
    return respond(Problem.of(e.status(), e.getMessage(), e.errors()));
  }

  /** Framework errors (404, 405, 413, 415, malformed bodies) keep their status. */
  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String detail = e.getMessage() == null ? Response.Status.fromStatusCode(status).toString() : e.getMessage();
    return respond(Problem.of(status, detail));
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
