package io.odqa.qa.api;

import io.odqa.core.api.Problem;
import io.odqa.qa.read.ReaderBusyException;
import io.odqa.qa.retrieve.UnknownCollectionException;
import io.odqa.qa.retrieve.UnknownDocumentException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns exceptions into {@code application/problem+json} responses. */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    List<String> messages = e.getConstraintViolations().stream()
        .map(ConstraintViolation::getMessage).sorted(Comparator.naturalOrder()).toList();
    return respond(Problem.of(400, String.join("; ", messages), messages));
  }

  @ServerExceptionMapper
  public Response unknownCollection(UnknownCollectionException e) {
    return respond(Problem.of(404, e.getMessage()));
  }

  @ServerExceptionMapper
  public Response unknownDocument(UnknownDocumentException e) {
    return respond(Problem.of(404, e.getMessage()));
  }

  /** The reader's queue is full: come back later, as {@code Retry-After} says. */
  @ServerExceptionMapper
  public Response busy(ReaderBusyException e) {
    return Response.fromResponse(respond(Problem.of(503, e.getMessage())))
        .header("Retry-After", e.retryAfterSeconds()).build();
  }

  /** Framework errors (400 for malformed JSON, 404, 405, 415) keep their status. */
  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String detail = e.getMessage() == null ? Response.Status.fromStatusCode(status).toString() : e.getMessage();
    return respond(Problem.of(status, detail));
  }

  private static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
