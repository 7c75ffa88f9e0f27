package io.odqa.qa.tune;

import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /api/v1/eval/sessions}: the offline objective of the feedback service's tuner. A
 * session holds a question set; scoring a config answers every question as {@code /ask} would
 * under it and returns EM and F1, from caches wherever the config's knobs allow.
 */
@RolesAllowed(Roles.OPERATOR)
@Path("/api/v1/eval/sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EvalResource {
  private final EvalService service;

  EvalResource(EvalService service) {
    this.service = service;
  }

  /** 201 with the new session's id and size. */
  @POST
  public Response create(@NotNull(message = "request body is empty") SessionRequest request) {
    SessionCreated created = service.create(request);
    return Response.created(URI.create("/api/v1/eval/sessions/" + created.id()))
        .entity(created).build();
  }

  @POST
  @Path("{id}/score")
  public ScoreResponse score(@PathParam("id") String id,
      @NotNull(message = "request body is empty") ScoreRequest request) {
    return service.score(id, request);
  }

  /** The body, and its config, may be absent: then the config in force is used. */
  @POST
  @Path("{id}/evidence")
  public EvidenceResponse evidence(@PathParam("id") String id, EvidenceRequest request) {
    return service.evidence(id, request);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    service.delete(id);
    return Response.noContent().build();
  }
}
