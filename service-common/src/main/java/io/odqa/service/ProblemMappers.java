package io.odqa.service;

import io.odqa.core.api.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the errors every service shares into {@code application/problem+json}: failed bean
 * validation (400, each violation listed) and framework errors, which keep their status (400
 * for malformed JSON, 404, 405, 413, 415). A service maps its own exceptions with {@link
 * #respond}.
 */
public class ProblemMappers {

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    List<String> messages = e.getConstraintViolations().stream()
        .map(ConstraintViolation::getMessage).sorted(Comparator.naturalOrder()).toList();
    return respond(Problem.of(400, String.join("; ", messages), messages));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String detail = e.getMessage() == null
        ? Response.Status.fromStatusCode(status).toString() : e.getMessage();
    return respond(Problem.of(status, detail));
  }

  /** The response for {@code problem}, with its status and media type. */
  public static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
