package io.odqa.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.CollectionName;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.job.IngestJobs;
import io.odqa.ingest.job.JobState;
import io.odqa.ingest.source.BadRequestException;
import io.odqa.ingest.source.DocumentParser;
import io.odqa.ingest.source.ParsedBatch;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code POST /api/v1/documents?collection=NAME}: a JSON document, a JSON array of documents,
 * JSONL ({@code application/x-ndjson}), or one plain-text document ({@code text/plain} with
 * {@code ?id=}). Valid documents become one job; invalid items are
 * listed in the response and counted in the job, and do not stop the batch.
 */
@Path("/api/v1/documents")
public class DocumentsResource {
  static final String NDJSON = "application/x-ndjson";
  static final String JSONL = "application/jsonl";

  private final IngestJobs jobs;
  private final DocumentParser parser;

  DocumentsResource(IngestJobs jobs, IngestConfig config, ObjectMapper mapper) {
    this.jobs = jobs;
    this.parser = new DocumentParser(mapper, config.ingest().maxDocumentChars(),
        config.ingest().maxDocumentsPerRequest());
  }

  @POST
  @Consumes({MediaType.APPLICATION_JSON, NDJSON, JSONL})
  @Produces(MediaType.APPLICATION_JSON)
  public Response submit(@QueryParam("collection") String collection,
      @HeaderParam("Content-Type") String contentType, String body) {
    CollectionName name = collectionOf(collection);
    boolean jsonLines = contentType != null
        && (contentType.startsWith(NDJSON) || contentType.startsWith(JSONL));
    ParsedBatch batch = parser.parse(body, jsonLines);
    return accepted(jobs.submit(name, batch), batch);
  }

  /** One plain-text document; its id (and optional title) come from the query string. */
  @POST
  @Consumes(MediaType.TEXT_PLAIN)
  @Produces(MediaType.APPLICATION_JSON)
  public Response submitText(@QueryParam("collection") String collection,
      @QueryParam("id") String id, @QueryParam("title") String title, String body) {
    CollectionName name = collectionOf(collection);
    ParsedBatch batch = parser.parseText(id, title, body);
    JobState job = jobs.submit(name, batch);
    return accepted(job, batch);
  }

  private static Response accepted(JobState job, ParsedBatch batch) {
    SubmitResponse response = new SubmitResponse(job.id(), job.collection(), job.status(),
        batch.documents().size(), batch.errors().size(), batch.errors());
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
