package io.odqa.feedback.api;

import static io.odqa.service.ProblemMappers.respond;

import io.odqa.core.api.Problem;
import io.odqa.feedback.job.JobConflictException;
import io.odqa.feedback.qa.QaServiceException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The loop's own errors as {@code application/problem+json}. */
public class LoopProblemMappers {

  /** A job of that kind is active: 409, naming it. */
  @ServerExceptionMapper
  public Response conflict(JobConflictException e) {
    return respond(Problem.of(409, e.getMessage()));
  }

  /** qa-service is down or refused: 502. */
  @ServerExceptionMapper
  public Response qa(QaServiceException e) {
    return respond(Problem.of(502, e.getMessage()));
  }
}
