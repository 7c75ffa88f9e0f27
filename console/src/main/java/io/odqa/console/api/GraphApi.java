package io.odqa.console.api;

import io.odqa.console.Roles;
import io.odqa.console.graph.GraphBrowser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The Knowledge graph page: {@code GET /api/graph/entities?q=&collection=} searches entities,
 * {@code GET /api/graph/entities/{uid}} gives one with its neighbourhood (expanding a node in
 * the view is this call for the node's uid).
 */
@Path("/api/graph/entities")
@Produces(MediaType.APPLICATION_JSON)
public class GraphApi {
  private final GraphBrowser browser;

  GraphApi(GraphBrowser browser) {
    this.browser = browser;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public List<Map<String, Object>> search(@QueryParam("q") String q,
      @QueryParam("collection") String collection,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    if (q == null || q.isBlank() || q.length() > 200) {
      throw new BadRequestException("q must be 1 to 200 characters of an entity's name");
    }
    return browser.search(q, collection == null || collection.isBlank() ? null : collection,
        checked(limit));
  }

  @GET
  @Path("/{uid}")
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Map<String, Object> neighbourhood(@PathParam("uid") String uid,
      @QueryParam("limit") @DefaultValue("60") int limit) {
    return browser.neighbourhood(uid, checked(limit))
        .orElseThrow(() -> new NotFoundException("no entity " + uid));
  }

  private static int checked(int limit) {
    if (limit < 1 || limit > GraphBrowser.MAX_LIMIT) {
      throw new BadRequestException(
          "limit must be in [1, " + GraphBrowser.MAX_LIMIT + "]: " + limit);
    }
    return limit;
  }
}
