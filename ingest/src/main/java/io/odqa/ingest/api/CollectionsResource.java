package io.odqa.ingest.api;

import io.odqa.core.model.CollectionName;
import io.odqa.ingest.index.CollectionStats;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/v1/collections}: each collection's documents, passages, embedded passages,
 * entities and relations; {@code GET /api/v1/collections/{name}} one of them; {@code GET
 * /api/v1/collections/{name}/documents?offset=&limit=} its documents in id order, a page at a
 * time.
 */
@Path("/api/v1/collections")
@Produces(MediaType.APPLICATION_JSON)
public class CollectionsResource {
  /** The largest page of documents. */
  static final int MAX_LIMIT = 500;
  private final CollectionStats stats;

  CollectionsResource(CollectionStats stats) {
    this.stats = stats;
  }

  @GET
  public List<CollectionStats.Summary> list() throws IOException {
    return stats.all();
  }

  @GET
  @Path("/{name}")
  public CollectionStats.Summary get(@PathParam("name") String name) throws IOException {
    return stats.find(collection(name))
        .orElseThrow(() -> new NotFoundException("no collection " + name));
  }

  @GET
  @Path("/{name}/documents")
  public CollectionStats.DocumentPage documents(@PathParam("name") String name,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) throws IOException {
    if (offset < 0) {
      throw new BadRequestException("offset must be >= 0: " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("limit must be in [1, " + MAX_LIMIT + "]: " + limit);
    }
    return stats.documents(collection(name), offset, limit)
        .orElseThrow(() -> new NotFoundException("no collection " + name));
  }

  private static CollectionName collection(String name) {
    try {
      return new CollectionName(name);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
