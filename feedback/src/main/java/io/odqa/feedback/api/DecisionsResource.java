package io.odqa.feedback.api;

import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.console.Page;
import io.odqa.feedback.promote.Decisions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/decisions[?kind=config|model|graph&collection=&limit=&offset=]}: every
 * promotion and rejection, gate-made or manual, newest first, with its numbers.
 */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionsResource {
  private static final List<String> KINDS = List.of("config", "model", "graph");

  private final Decisions decisions;
  private final FeedbackConfig.Console console;

  DecisionsResource(Decisions decisions, FeedbackConfig config) {
    this.decisions = decisions;
    this.console = config.console();
  }

  @GET
  public Page<Map<String, Object>> list(@QueryParam("kind") String kind,
      @QueryParam("collection") String collection, @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    String k = Paging.oneOf("kind", kind, KINDS);
    String c = Paging.collection(collection);
    Paging page = Paging.of(limit, offset, 50, console.maxPageSize());
    return new Page<>(decisions.count(k, c), page.limit(), page.offset(),
        decisions.list(k, c, page.limit(), page.offset()));
  }
}
