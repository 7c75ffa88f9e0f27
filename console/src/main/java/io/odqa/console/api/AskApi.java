package io.odqa.console.api;

import static io.odqa.console.upstream.Upstream.params;
import static io.odqa.console.upstream.Upstream.segment;

import io.odqa.console.Roles;
import io.odqa.console.upstream.Service;
import io.odqa.console.upstream.Upstream;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Ask and Explain pages: questions and their explanations from qa-service, the passages and
 * documents answers come from, and the verdicts operators give (sent to the feedback service,
 * which publishes them on the feedback topic like any other client's).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AskApi {
  private final Upstream upstream;

  AskApi(Upstream upstream) {
    this.upstream = upstream;
  }

  @POST
  @Path("/ask")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response ask(byte[] body) {
    return upstream.postJson(Service.QA, "/api/v1/ask", body);
  }

  @POST
  @Path("/explain")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response explain(byte[] body) {
    return upstream.postJson(Service.QA, "/api/v1/ask/explain", body);
  }

  @GET
  @Path("/passages/{id}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response passage(@PathParam("id") String id, @QueryParam("collection") String collection) {
    return upstream.get(Service.QA, "/api/v1/passages/" + segment("passage id", id),
        params("collection", collection));
  }

  @GET
  @Path("/documents/{id}/passages")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response document(@PathParam("id") String id, @QueryParam("collection") String collection) {
    return upstream.get(Service.QA, "/api/v1/documents/" + segment("document id", id)
        + "/passages", params("collection", collection));
  }

  @POST
  @Path("/feedback")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  public Response feedback(byte[] body) {
    return upstream.postJson(Service.FEEDBACK, "/api/v1/feedback", body);
  }
}
