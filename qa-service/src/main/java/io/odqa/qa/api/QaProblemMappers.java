package io.odqa.qa.api;

import static io.odqa.service.ProblemMappers.respond;

import io.odqa.core.api.Problem;
import io.odqa.qa.champion.ChampionException;
import io.odqa.qa.read.ReaderBusyException;
import io.odqa.qa.retrieve.UnknownCollectionException;
import io.odqa.qa.retrieve.UnknownDocumentException;
import io.odqa.qa.retrieve.UnknownPassageException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The QA service's own errors as {@code application/problem+json}; validation and framework
 * errors are mapped by {@code io.odqa.service.ProblemMappers}.
 */
public class QaProblemMappers {

  @ServerExceptionMapper
  public Response unknownCollection(UnknownCollectionException e) {
    return respond(Problem.of(404, e.getMessage()));
  }

  @ServerExceptionMapper
  public Response unknownDocument(UnknownDocumentException e) {
    return respond(Problem.of(404, e.getMessage()));
  }

  @ServerExceptionMapper
  public Response unknownPassage(UnknownPassageException e) {
    return respond(Problem.of(404, e.getMessage()));
  }

  /** The reader's queue is full: come back later, as {@code Retry-After} says. */
  @ServerExceptionMapper
  public Response busy(ReaderBusyException e) {
    return Response.fromResponse(respond(Problem.of(503, e.getMessage())))
        .header("Retry-After", e.retryAfterSeconds()).build();
  }

  /** Nothing to roll back to (409), or the topic did not take the rollback (503). */
  @ServerExceptionMapper
  public Response champion(ChampionException e) {
    return respond(Problem.of(e.status(), e.getMessage()));
  }
}
