package io.odqa.console.api;

import static io.odqa.console.upstream.Upstream.params;
import static io.odqa.console.upstream.Upstream.segment;

import io.odqa.console.Roles;
import io.odqa.console.upstream.Service;
import io.odqa.console.upstream.Upstream;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Collections and jobs page: per-collection counts and documents, uploads and deletions
 * (ingest), and the ingestion jobs with their progress and counters.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionsApi {
  private final Upstream upstream;

  CollectionsApi(Upstream upstream) {
    this.upstream = upstream;
  }

  @GET
  @Path("/collections")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response collections() {
    return upstream.get(Service.INGEST, "/api/v1/collections", params());
  }

  @GET
  @Path("/collections/{name}/documents")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response documents(@PathParam("name") String name, @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return upstream.get(Service.INGEST, "/api/v1/collections/" + segment("collection", name)
        + "/documents", params("limit", limit, "offset", offset));
  }

  /** An upload: the file's bytes, its format and content type go to ingest as they came. */
  @POST
  @Path("/documents")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.OPERATOR)
  public Response upload(@QueryParam("collection") String collection,
      @QueryParam("format") String format, @QueryParam("id") String id,
      @QueryParam("title") String title, @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    return upstream.send(Service.INGEST, "POST", "/api/v1/documents" + Upstream.queryString(
            params("collection", collection, "format", format, "id", id, "title", title)),
        body, contentType == null ? MediaType.APPLICATION_OCTET_STREAM : contentType);
  }

  @DELETE
  @Path("/documents/{id}")
  @RolesAllowed(Roles.OPERATOR)
  public Response delete(@PathParam("id") String id, @QueryParam("collection") String collection) {
    return upstream.send(Service.INGEST, "DELETE", "/api/v1/documents/"
        + segment("document id", id) + Upstream.queryString(params("collection", collection)),
        null, null);
  }

  @GET
  @Path("/ingest/jobs")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response jobs(@QueryParam("limit") String limit) {
    return upstream.get(Service.INGEST, "/api/v1/jobs", params("limit", limit));
  }

  @GET
  @Path("/ingest/jobs/{id}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Response job(@PathParam("id") String id) {
    return upstream.get(Service.INGEST, "/api/v1/jobs/" + segment("job id", id), params());
  }
}
