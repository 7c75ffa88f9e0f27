package io.odqa.ingest.api;

import io.odqa.core.model.CollectionName;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.job.IngestJobs;
import io.odqa.ingest.source.ParsedTriples;
import io.odqa.ingest.source.TripleParser;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/triples?collection=NAME[&format=pipe|ntriples]}: structured triples, one
 * per line, as a job. Bad lines are listed and counted; the others are imported.
 */
@Path("/api/v1/triples")
public class TriplesResource {
  private final IngestJobs jobs;
  private final TripleParser parser;

  TriplesResource(IngestJobs jobs, IngestConfig config) {
    this.jobs = jobs;
    this.parser = new TripleParser(config.ingest().maxTriplesPerRequest());
  }

  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response submit(@QueryParam("collection") String collection,
      @QueryParam("format") String format, byte[] body) {
    CollectionName name = DocumentsResource.collectionOf(collection);
    ParsedTriples triples = parser.parse(body, format);
    return DocumentsResource.accepted(jobs.submit(name, triples), triples.facts().size(),
        triples.errors());
  }
}
