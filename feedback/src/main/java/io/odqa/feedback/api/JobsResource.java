package io.odqa.feedback.api;

import io.odqa.core.model.PipelineConfig;
import io.odqa.feedback.job.Job;
import io.odqa.feedback.job.JobKind;
import io.odqa.feedback.job.JobRequest;
import io.odqa.feedback.job.JobRunner;
import io.odqa.feedback.job.JobStore;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop's jobs: {@code POST /api/v1/jobs} starts a retune, refresh or graph-refresh now (202, or 409 while
 * one of that kind is active), {@code GET /api/v1/jobs/{id}} shows its state, progress and
 * result, {@code GET /api/v1/jobs[?kind=&collection=&limit=]} lists the newest.
 */
@Path("/api/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {
  private final JobRunner runner;
  private final JobStore store;

  JobsResource(JobRunner runner, JobStore store) {
    this.runner = runner;
    this.store = store;
  }

  /**
   * Body of a manual start.
   *
   * @param kind {@code retune} or {@code refresh}
   * @param collection whose feedback drives it
   * @param trials retune trials (default: configured)
   * @param sampler {@code tpe} or {@code random} (default: configured)
   * @param seed seeds the job (default 0)
   * @param candidate a retune that skips the search and gates this config
   */
  public record StartJob(
      @NotNull(message = "kind must be retune, refresh or graph-refresh") String kind,
      String collection, Integer trials, String sampler, Long seed, PipelineConfig candidate) {}

  @RolesAllowed(Roles.OPERATOR)
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(@Valid @NotNull(message = "request body is empty") StartJob body) {
    JobRequest request;
    try {
      request = new JobRequest(JobKind.of(body.kind()),
          body.collection() == null ? "default" : body.collection(), body.trials(),
          body.sampler(), body.seed() == null ? 0L : body.seed(), body.candidate(), "manual");
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    Job job = runner.submit(request);
    return Response.accepted(view(job)).location(URI.create("/api/v1/jobs/" + job.id())).build();
  }

  @GET
  @Path("/{id}")
  public Map<String, Object> get(@PathParam("id") String id) {
    return view(store.find(id).orElseThrow(() -> new NotFoundException("no job with id " + id)));
  }

  @GET
  public List<Map<String, Object>> list(@QueryParam("kind") String kind,
      @QueryParam("collection") String collection,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    if (limit < 1 || limit > 500) {
      throw new BadRequestException("limit must be in [1, 500], got " + limit);
    }
    return store.list(kind, collection, limit).stream().map(JobsResource::view).toList();
  }

  static Map<String, Object> view(Job j) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", j.id());
    v.put("kind", j.kind());
    v.put("collection", j.collection());
    v.put("state", j.state());
    v.put("trigger", j.trigger());
    v.put("progress", Map.of("stage", j.stage(), "done", j.done(), "total", j.total()));
    v.put("result", j.result());
    v.put("error", j.error());
    v.put("attempts", j.attempts());
    v.put("createdAt", j.createdAt());
    v.put("startedAt", j.startedAt());
    v.put("finishedAt", j.finishedAt());
    return v;
  }
}
