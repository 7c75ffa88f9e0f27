package io.odqa.qa.api;

import io.odqa.core.model.CollectionName;
import io.odqa.qa.pipeline.Answer;
import io.odqa.qa.pipeline.AskResult;
import io.odqa.qa.pipeline.AskService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * {@code POST /api/v1/ask}: answers as JSON, or as readable text for {@code Accept: text/plain}
 * (what {@code ./odqa ask} prints).
 */
@Path("/api/v1/ask")
public class AskResource {
  private final AskService service;

  AskResource(AskService service) {
    this.service = service;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public AskResult ask(@Valid @NotNull(message = "request body is empty") AskRequest request) {
    return service.ask(request.question(), collectionOf(request.collection()), request.topK());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.TEXT_PLAIN)
  public String askText(@Valid @NotNull(message = "request body is empty") AskRequest request) {
    AskResult result = ask(request);
    StringBuilder out = new StringBuilder();
    int rank = 1;
    for (Answer a : result.answers()) {
      out.append(String.format(Locale.ROOT, "%d. [%.3f] %s%n", rank++, a.score(),
          a.source().equals("passage") ? a.text() : "\"" + a.text() + "\""));
      if (a.passageId() != null) {
        out.append(String.format(Locale.ROOT, "   from %s [%d,%d) \"%s\"%n", a.passageId(),
            a.start(), a.end(), a.title()));
      }
      if (a.path() != null) {
        out.append("   path ").append(String.join(" -> ", a.path())).append('\n');
      }
    }
    if (result.answers().isEmpty()) {
      out.append("no answer found\n");
    }
    out.append(String.format(Locale.ROOT, "config %s, model %s, graph model %s, timings (ms) %s%n",
        result.configVersion(), result.modelVersion(), result.graphModelVersion(),
        result.timings()));
    if (!result.degraded().isEmpty()) {
      out.append("degraded: ").append(String.join(", ", result.degraded())).append('\n');
    }
    return out.toString();
  }

  static CollectionName collectionOf(String collection) {
    try {
      return CollectionName.orDefault(collection);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
