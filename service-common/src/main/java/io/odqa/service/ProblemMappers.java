package io.odqa.service;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.odqa.core.api.ApiKey;
import io.odqa.core.api.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the errors every service shares into {@code application/problem+json}: failed bean
 * validation (400, each violation listed), framework errors, which keep their status (400
 * for malformed JSON, 404, 405, 413, 415), malformed JSON (400, naming what and where), and
 * security's (401 without a valid API key, 403
 * without the role). A service maps its own exceptions with {@link
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
    // The JSON reader wraps what Jackson found in a bare 400; name it.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException json) {
        return malformed(json);
      }
    }
    int status = e.getResponse().getStatus();
    String detail = e.getMessage() == null
        ? Response.Status.fromStatusCode(status).toString() : e.getMessage();
    return respond(Problem.of(status, detail));
  }

  @ServerExceptionMapper
  public Response unreadable(JsonParseException e) {
    return malformed(e);
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return malformed(e);
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e) {
    return malformed(e);
  }

  /**
   * 400 for a body that is not the JSON the endpoint reads: what Jackson found, where (line,
   * column and the field path), without echoing more than a little of the body.
   */
  private static Response malformed(JsonProcessingException e) {
    StringBuilder detail = new StringBuilder("malformed JSON body: ");
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
        : e.getOriginalMessage();
    detail.append(message.length() > 300 ? message.substring(0, 300) + "..." : message);
    if (e.getLocation() != null) {
      detail.append(" (line ").append(e.getLocation().getLineNr()).append(", column ")
          .append(e.getLocation().getColumnNr()).append(')');
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      detail.append(" at ").append(m.getPathReference().replaceAll("^[^\\[]*", ""));
    }
    return respond(Problem.of(400, detail.toString()));
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return challenge("this request needs an API key with the right role: send it in the "
        + ApiKey.HEADER + " header");
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    return challenge("the API key of the request is not valid");
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return respond(Problem.of(403, "this API key's roles do not allow this request"));
  }

  private static Response challenge(String detail) {
    return Response.fromResponse(respond(Problem.of(401, detail)))
        .header("WWW-Authenticate", "ApiKey header=\"" + ApiKey.HEADER + "\"").build();
  }

  /** The response for {@code problem}, with its status and media type. */
  public static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
