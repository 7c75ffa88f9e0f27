package io.odqa.ingest.replication;

import io.odqa.core.model.CollectionName;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.replicator.Replicator;
import org.apache.lucene.replicator.http.ReplicationService.ReplicationAction;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * {@code GET /api/v1/replication}: the collections a replica can copy, with their published
 * versions. {@code GET /api/v1/replication/{collection}/{update|obtain|release}}: Lucene's
 * replication protocol ({@link ReplicationProtocol}) for one collection, the collection in the
 * place of the protocol's shard, so that Lucene's {@code HttpReplicator} with path {@code
 * /api/v1/replication/<collection>} replicates it unchanged. A replica copies every passage,
 * so its key needs the viewer role.
 */
@RolesAllowed(Roles.VIEWER)
@Path("/api/v1/replication")
public class ReplicationResource {
  private final ReplicationSources sources;

  ReplicationResource(ReplicationSources sources) {
    this.sources = sources;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<ReplicationSources.PublishedIndex> list() throws IOException {
    return sources.all();
  }

  @GET
  @Path("/{collection}/{action}")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response perform(@PathParam("collection") String collection,
      @PathParam("action") String actionName,
      @QueryParam(ReplicationProtocol.VERSION) String version,
      @QueryParam(ReplicationProtocol.SESSION_ID) String sessionId,
      @QueryParam(ReplicationProtocol.SOURCE) String source,
      @QueryParam(ReplicationProtocol.FILENAME) String fileName) {
    CollectionName name;
    try {
      name = new CollectionName(collection);
    } catch (IllegalArgumentException e) {
      return failure(Response.Status.BAD_REQUEST, e);
    }
    Optional<ReplicationAction> action = ReplicationProtocol.action(actionName);
    if (action.isEmpty()) {
      return failure(Response.Status.NOT_FOUND, new IllegalArgumentException(
          "unsupported action " + actionName + ": must be update, obtain or release"));
    }
    Optional<Replicator> replicator = sources.replicator(name);
    if (replicator.isEmpty()) {
      return failure(Response.Status.NOT_FOUND,
          new IllegalArgumentException("no collection " + collection));
    }
    if (action.get() != ReplicationAction.UPDATE && sessionId == null) {
      return failure(Response.Status.BAD_REQUEST, new IllegalArgumentException(
          "missing mandatory parameter: " + ReplicationProtocol.SESSION_ID));
    }
    if (action.get() == ReplicationAction.OBTAIN
        && !ReplicationProtocol.isRevisionFile(source, fileName)) {
      return failure(Response.Status.BAD_REQUEST, new IllegalArgumentException(
          "source must be index and filename an index file name, got " + source + ", "
              + fileName));
    }
    try {
      return switch (action.get()) {
        case UPDATE -> Response.ok(
            ReplicationProtocol.update(replicator.get().checkForUpdate(version))).build();
        case OBTAIN -> Response.ok(stream(replicator.get().obtainFile(sessionId, source,
            fileName))).build();
        case RELEASE -> {
          replicator.get().release(sessionId);
          yield Response.ok().build();
        }
      };
    } catch (IllegalArgumentException e) {
      // a version that is not a hex generation
      return failure(Response.Status.BAD_REQUEST, e);
    } catch (IOException | AlreadyClosedException e) {
      // an expired session, a file gone, a replicator closed by shutdown
      return failure(Response.Status.INTERNAL_SERVER_ERROR, e);
    }
  }

  private static StreamingOutput stream(InputStream file) {
    return out -> {
      try (InputStream in = file) {
        in.transferTo(out);
      }
    };
  }

  private static Response failure(Response.Status status, Exception cause) {
    return Response.status(status).type(MediaType.APPLICATION_OCTET_STREAM)
        .entity(ReplicationProtocol.failure(cause)).build();
  }
}
