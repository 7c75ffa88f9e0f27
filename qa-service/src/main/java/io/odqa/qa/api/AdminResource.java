package io.odqa.qa.api;

import io.odqa.core.model.Promotion;
import io.odqa.qa.champion.Champions;
import io.odqa.qa.read.ForwardScheduler;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
  private final ForwardScheduler scheduler;

  AdminResource(Champions champions, ForwardScheduler scheduler) {
    this.champions = champions;
    this.scheduler = scheduler;
  }

  /** Body of a batching switch. */
  public record BatchingRequest(
      @NotNull(message = "enabled must be true or false") Boolean enabled) {}

  /**
   * {@code GET /api/v1/admin/reader/batching}: whether this replica batches reader windows across
   * requests now.
   */
  @RolesAllowed(Roles.VIEWER)
  @GET
  @Path("/admin/reader/batching")
  public Map<String, Boolean> batching() {
    return Map.of("enabled", scheduler.batching());
  }

  /**
   * {@code PUT /api/v1/admin/reader/batching} {@code {"enabled": false}}: switches batching on
   * this replica (until restart; {@code odqa.reader.batching.enabled} sets it at start), so that
   * {@code ./odqa bench ask --batching on,off} compares both in one run.
   */
  @RolesAllowed(Roles.OPERATOR)
  @PUT
  @Path("/admin/reader/batching")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Boolean> setBatching(
      @Valid @NotNull(message = "request body is empty") BatchingRequest request) {
    scheduler.setBatching(request.enabled());
    return batching();
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

  @RolesAllowed(Roles.OPERATOR)
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
