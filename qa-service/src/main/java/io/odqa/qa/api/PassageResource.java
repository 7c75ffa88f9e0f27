package io.odqa.qa.api;

import io.odqa.core.model.CollectionName;
import io.odqa.qa.retrieve.PassageStore;
import io.odqa.qa.retrieve.UnknownDocumentException;
import io.odqa.qa.retrieve.UnknownPassageException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Source text by id, read from the collection's index: {@code GET /api/v1/passages/{passageId}}
 * and {@code GET /api/v1/documents/{docId}/passages} (every passage in reading order). An
 * unknown passage, document or collection is a 404; an illegal collection name a 400.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PassageResource {
  private final PassageStore store;

  PassageResource(PassageStore store) {
    this.store = store;
  }

  @GET
  @Path("/passages/{passageId}")
  public SourcePassage passage(@PathParam("passageId") String passageId,
      @QueryParam("collection") String collection) {
    CollectionName name = AskResource.collectionOf(collection);
    return store.passage(name, passageId).map(p -> SourcePassage.of(p, name))
        .orElseThrow(() -> new UnknownPassageException(name, passageId));
  }

  @GET
  @Path("/documents/{docId}/passages")
  public List<SourcePassage> document(@PathParam("docId") String docId,
      @QueryParam("collection") String collection) {
    CollectionName name = AskResource.collectionOf(collection);
    List<SourcePassage> passages = store.document(name, docId).stream()
        .map(p -> SourcePassage.of(p, name)).toList();
    if (passages.isEmpty()) {
      throw new UnknownDocumentException(name, docId);
    }
    return passages;
  }
}
