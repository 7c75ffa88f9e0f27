package io.odqa.ingest.api;

import io.odqa.ingest.job.IngestJobs;
import io.odqa.ingest.job.JobState;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Job status: {@code GET /api/v1/jobs/{id}} as JSON, or as one line of {@code key=value} pairs
 * for {@code Accept: text/plain} (what {@code ./odqa ingest} reads), and retry of a failed job.
 */
@Path("/api/v1/jobs")
public class JobsResource {
  private final IngestJobs jobs;

  JobsResource(IngestJobs jobs) {
    this.jobs = jobs;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<JobState> list() {
    return jobs.list();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public JobState get(@PathParam("id") String id) {
    return jobs.get(id).orElseThrow(() -> notFound(id));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_PLAIN)
  public String line(@PathParam("id") String id) {
    JobState job = get(id);
    Map<String, Long> counters = job.counters();
    return "status=" + job.status().wire() + " processed=" + job.processed() + " total="
        + job.total() + " " + counters.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))
        + (job.error() == null ? "" : " error=" + job.error().replace('\n', ' ')) + "\n";
  }

  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Path("/{id}/retry")
  @Produces(MediaType.APPLICATION_JSON)
  public JobState retry(@PathParam("id") String id) {
    return jobs.retry(id).orElseThrow(() -> notFound(id));
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no job with id " + id);
  }
}
