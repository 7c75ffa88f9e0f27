package io.odqa.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.CollectionName;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.job.BatchWriter;
import io.odqa.ingest.job.IngestJobs;
import io.odqa.ingest.job.JobState;
import io.odqa.ingest.source.BadRequestException;
import io.odqa.ingest.source.DocumentParser;
import io.odqa.ingest.source.Format;
import io.odqa.ingest.source.ItemError;
import io.odqa.ingest.source.ParsedBatch;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/documents?collection=NAME[&format=F][&id=ID&title=T]}: a JSON document or
 * array, JSONL (also SQuAD-open and BEIR corpora), or one text, Markdown or HTML document
 * ({@code id} required). The format comes from {@code format} or the Content-Type. Valid
 * documents become one job; invalid items are listed in the response and counted in the job,
 * and do not stop the batch.
 */
@Path("/api/v1/documents")
public class DocumentsResource {
  private final IngestJobs jobs;
  private final BatchWriter writer;
  private final DocumentParser parser;

  DocumentsResource(IngestJobs jobs, BatchWriter writer, IngestConfig config, ObjectMapper mapper) {
    this.jobs = jobs;
    this.writer = writer;
    this.parser = new DocumentParser(mapper, config.ingest().maxDocumentChars(),
        config.ingest().maxDocumentsPerRequest());
  }

  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response submit(@QueryParam("collection") String collection,
      @QueryParam("format") String format, @QueryParam("id") String id,
      @QueryParam("title") String title, @HeaderParam("Content-Type") String contentType,
      byte[] body) {
    CollectionName name = collectionOf(collection);
    ParsedBatch batch = parser.parse(body, Format.of(format, contentType), id, title);
    return accepted(jobs.submit(name, batch), batch.documents().size(), batch.errors());
  }

  /** Removes a document, its passages, its extracted triples and entities left orphaned. */
  @RolesAllowed(Roles.OPERATOR)
  @DELETE
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> delete(@PathParam("id") String id,
      @QueryParam("collection") String collection) throws IOException {
    CollectionName name = collectionOf(collection);
    if (!writer.delete(name, id)) {
      throw new NotFoundException("no document " + id + " in collection " + name);
    }
    return Map.of("id", id, "collection", name.value(), "deleted", true);
  }

  static Response accepted(JobState job, int accepted, List<ItemError> errors) {
    SubmitResponse response = new SubmitResponse(job.id(), job.collection(), job.status(),
        accepted, errors.size(), errors);
    return Response.accepted(response).location(URI.create("/api/v1/jobs/" + job.id())).build();
  }

  static CollectionName collectionOf(String collection) {
    try {
      return CollectionName.orDefault(collection);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(400, e.getMessage(), List.of());
    }
  }
}
