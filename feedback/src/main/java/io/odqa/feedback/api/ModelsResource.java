package io.odqa.feedback.api;

import io.odqa.core.model.Promotion;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.console.ModelRegistry;
import io.odqa.feedback.console.ModelsService;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The model registry: {@code GET /api/v1/models} lists versions newest first with the champions
 * in force, and {@code POST /api/v1/models/{version}/promote} promotes one by hand (202).
 * Rolling back stays qa-service's {@code POST /api/v1/admin/rollback}.
 */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
  private final ModelsService models;
  private final FeedbackConfig.Console console;

  ModelsResource(ModelsService models, FeedbackConfig config) {
    this.models = models;
    this.console = config.console();
  }

  /**
   * Optional body of a manual promotion.
   *
   * @param reason why, in words; recorded with the decision and the message
   * @param collection the collection the decision is filed under; default: the version's own
   */
  public record PromoteRequest(String reason, String collection) {}

  @GET
  public ModelsService.ModelsView list(@QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging page = Paging.of(limit, offset, 50, console.maxPageSize());
    return models.list(page.limit(), page.offset());
  }

  /** A promotion without a body (any or no content type): no reason, the version's collection. */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/{version}/promote")
  public Response promote(@PathParam("version") String version) throws InterruptedException {
    return promote(version, null);
  }

  /** A promotion with a JSON {@link PromoteRequest}. */
  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/{version}/promote")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response promote(@PathParam("version") String version, PromoteRequest body)
      throws InterruptedException {
    try {
      ModelRegistry.checkVersion(version);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    String collection = body == null ? null : Paging.collection(body.collection());
    Promotion promotion;
    try {
      promotion = models.promote(version, body == null ? null : body.reason(), collection)
          .orElseThrow(() -> new NotFoundException("no model version '" + version
              + "' in the registry"));
    } catch (IllegalStateException e) {
      throw new ServiceUnavailableException(e.getMessage(), (Long) null);
    }
    return Response.accepted(promotion).build();
  }
}
