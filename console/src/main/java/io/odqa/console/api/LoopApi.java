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
 * The Feedback, Tuning and Models pages: the feedback service's events (paged), accuracy over
 * time, studies and trials, promotion decisions, the model registry and the loop's jobs; the
 * champion and rollback from qa-service. Paging and aggregation happen in the services, so a
 * page stays small at 10,000 events or 1,000 trials.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class LoopApi {
  private final Upstream upstream;

  LoopApi(Upstream upstream) {
    this.upstream = upstream;
  }

  @GET
  @Path("/feedback")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response events(@QueryParam("collection") String collection,
      @QueryParam("verdict") String verdict, @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return upstream.get(Service.FEEDBACK, "/api/v1/feedback", params("collection", collection,
        "verdict", verdict, "limit", limit, "offset", offset));
  }

  @GET
  @Path("/feedback/timeline")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response timeline(@QueryParam("collection") String collection,
      @QueryParam("bucket") String bucket) {
    return upstream.get(Service.FEEDBACK, "/api/v1/feedback/timeline",
        params("collection", collection, "bucket", bucket));
  }

  @GET
  @Path("/feedback/stats")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response stats(@QueryParam("collection") String collection) {
    return upstream.get(Service.FEEDBACK, "/api/v1/feedback/stats",
        params("collection", collection));
  }

  @GET
  @Path("/studies")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response studies(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    return upstream.get(Service.FEEDBACK, "/api/v1/studies",
        params("limit", limit, "offset", offset));
  }

  @GET
  @Path("/studies/{name}/trials")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response trials(@PathParam("name") String name, @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return upstream.get(Service.FEEDBACK, "/api/v1/studies/" + segment("study", name)
        + "/trials", params("limit", limit, "offset", offset));
  }

  @GET
  @Path("/studies/{name}/summary")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response summary(@PathParam("name") String name) {
    return upstream.get(Service.FEEDBACK, "/api/v1/studies/" + segment("study", name)
        + "/summary", params());
  }

  @GET
  @Path("/decisions")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response decisions(@QueryParam("kind") String kind,
      @QueryParam("collection") String collection, @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return upstream.get(Service.FEEDBACK, "/api/v1/decisions",
        params("kind", kind, "collection", collection, "limit", limit, "offset", offset));
  }

  @GET
  @Path("/loop/jobs")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response jobs(@QueryParam("kind") String kind, @QueryParam("limit") String limit) {
    return upstream.get(Service.FEEDBACK, "/api/v1/jobs", params("kind", kind, "limit", limit));
  }

  @GET
  @Path("/loop/jobs/{id}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response job(@PathParam("id") String id) {
    return upstream.get(Service.FEEDBACK, "/api/v1/jobs/" + segment("job id", id), params());
  }

  /** Starts a retune, reader refresh or graph refresh ({@code {"kind", "collection", ...}}). */
  @POST
  @Path("/loop/jobs")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  public Response start(byte[] body) {
    return upstream.postJson(Service.FEEDBACK, "/api/v1/jobs", body);
  }

  @GET
  @Path("/models")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response models(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    return upstream.get(Service.FEEDBACK, "/api/v1/models",
        params("limit", limit, "offset", offset));
  }

  @POST
  @Path("/models/{version}/promote")
  @RolesAllowed(Roles.OPERATOR)
  public Response promote(@PathParam("version") String version) {
    return upstream.send(Service.FEEDBACK, "POST",
        "/api/v1/models/" + segment("model version", version) + "/promote", null, null);
  }

  @GET
  @Path("/champion")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response champion() {
    return upstream.get(Service.QA, "/api/v1/champions", params());
  }

  /** qa-service serves the previous config, reader or graph model ({@code {"kind"}}). */
  @POST
  @Path("/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  public Response rollback(byte[] body) {
    return upstream.postJson(Service.QA, "/api/v1/admin/rollback", body);
  }
}
