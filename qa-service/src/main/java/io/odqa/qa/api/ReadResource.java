package io.odqa.qa.api;

import io.odqa.qa.kg.GraphUnavailableException;
import io.odqa.qa.kg.KgResult;
import io.odqa.qa.kg.KgqaGraphAnswerer;
import io.odqa.qa.pipeline.AskResult;
import io.odqa.qa.pipeline.AskService;
import io.odqa.qa.pipeline.RetrievedPassage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The pipeline's stages one at a time, for evaluation and debugging: {@code POST
 * /api/v1/retrieve} runs retrieval only; {@code POST /api/v1/read} runs the reader on one
 * document's passages (its gold passage, in an evaluation); {@code POST /api/v1/kg} runs the
 * graph stage and shows its steps.
 */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReadResource {
  /** Passages returned by retrieve when the request names no topK. */
  static final int DEFAULT_RETRIEVE_K = 100;

  private final AskService service;
  private final KgqaGraphAnswerer graph;

  ReadResource(AskService service, KgqaGraphAnswerer graph) {
    this.service = service;
    this.graph = graph;
  }

  /** The graph stage alone, with linking, the paths considered and the path run. */
  @POST
  @Path("/kg")
  public KgResult kg(@Valid @NotNull(message = "request body is empty") KgRequest request) {
    try {
      return graph.explain(request.question(), AskResource.collectionOf(request.collection()));
    } catch (GraphUnavailableException e) {
      throw new jakarta.ws.rs.ServiceUnavailableException(e.getMessage());
    }
  }

  @POST
  @Path("/read")
  public AskResult read(@Valid @NotNull(message = "request body is empty") ReadRequest request) {
    return service.readDocument(request.question(),
        AskResource.collectionOf(request.collection()), request.docId());
  }

  @POST
  @Path("/retrieve")
  public List<RetrievedPassage> retrieve(
      @Valid @NotNull(message = "request body is empty") RetrieveRequest request) {
    return service.retrieve(request.question(), AskResource.collectionOf(request.collection()),
        request.topK() == null ? DEFAULT_RETRIEVE_K : request.topK());
  }
}
