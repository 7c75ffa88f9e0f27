package io.odqa.qa.api;

import io.odqa.qa.explain.Explainer;
import io.odqa.qa.explain.Explanation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/ask/explain}: the body of {@code /ask}, answered by the same pipeline run
 * as {@code /ask}, with what each stage did (for the operator console).
 */
@Path("/api/v1/ask/explain")
public class ExplainResource {
  private final Explainer explainer;

  ExplainResource(Explainer explainer) {
    this.explainer = explainer;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Explanation explain(
      @Valid @NotNull(message = "request body is empty") AskRequest request) {
    return explainer.explain(request.question(), AskResource.collectionOf(request.collection()),
        request.topK());
  }
}
