package io.odqa.qa.api;

import io.odqa.qa.champion.Champions;
import io.odqa.core.model.Promotion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code GET /api/v1/champions}: the config, reader model and graph model in force and what they replaced; {@code
 * POST /api/v1/admin/rollback} {@code {"kind": "config"|"model"|"graph"}}: back to the previous champion,
 * on every replica (it is published on the kind's topic).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
  private final Champions champions;

  AdminResource(Champions champions) {
    this.champions = champions;
  }

  /** Body of a rollback. */
  public record RollbackRequest(
      @NotNull(message = "kind must be config, model or graph")
      @Pattern(regexp = "config|model|graph", message = "kind must be config, model or graph")
      String kind) {}

  @GET
  @Path("/champions")
  public Map<String, Object> champions() {
    return champions.view();
  }

  @POST
  @Path("/admin/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, String> rollback(
      @Valid @NotNull(message = "request body is empty") RollbackRequest request) {
    return champions.rollback(switch (request.kind()) {
      case Promotion.CONFIG -> Promotion.CONFIG;
      case Promotion.GRAPH -> Promotion.GRAPH;
      default -> Promotion.MODEL;
    });
  }
}
