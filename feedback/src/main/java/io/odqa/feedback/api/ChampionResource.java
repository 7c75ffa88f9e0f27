package io.odqa.feedback.api;

import io.odqa.feedback.promote.Decisions;
import io.odqa.feedback.qa.QaClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/champion}: the config and model in force (as qa-service reports them) and
 * the newest gate decisions of each kind, with their numbers.
 */
@Path("/api/v1/champion")
@Produces(MediaType.APPLICATION_JSON)
public class ChampionResource {
  private static final int DECISIONS = 10;

  private final QaClient qa;
  private final Decisions decisions;

  ChampionResource(QaClient qa, Decisions decisions) {
    this.qa = qa;
    this.decisions = decisions;
  }

  @GET
  public Map<String, Object> champion() {
    Map<String, Object> out = new LinkedHashMap<>(qa.championsView());
    out.put("decisions", Map.of("config", decisions.list("config", DECISIONS),
        "model", decisions.list("model", DECISIONS),
        "graph", decisions.list("graph", DECISIONS)));
    return out;
  }
}
