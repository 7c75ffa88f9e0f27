package io.odqa.feedback.api;

import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.console.Page;
import io.odqa.feedback.console.StudyBrowser;
import io.odqa.feedback.console.StudyViews.StudyRow;
import io.odqa.feedback.console.StudyViews.StudySummary;
import io.odqa.feedback.console.StudyViews.TrialRow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The tuner's studies: {@code GET /api/v1/studies} newest first, {@code GET
 * /api/v1/studies/{name}/trials} by number, and {@code GET /api/v1/studies/{name}/summary} with
 * the best-so-far curve, parameter importance and slices.
 */
@Path("/api/v1/studies")
@Produces(MediaType.APPLICATION_JSON)
public class StudiesResource {
  private final StudyBrowser studies;
  private final FeedbackConfig.Console console;

  StudiesResource(StudyBrowser studies, FeedbackConfig config) {
    this.studies = studies;
    this.console = config.console();
  }

  @GET
  public Page<StudyRow> list(@QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging page = Paging.of(limit, offset, 50, console.maxPageSize());
    return studies.studies(page.limit(), page.offset());
  }

  @GET
  @Path("/{name}/trials")
  public Page<TrialRow> trials(@PathParam("name") String name, @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging page = Paging.of(limit, offset, 200, console.maxPageSize());
    return studies.trials(name, page.limit(), page.offset()).orElseThrow(() -> missing(name));
  }

  @GET
  @Path("/{name}/summary")
  public StudySummary summary(@PathParam("name") String name) {
    return studies.summary(name).orElseThrow(() -> missing(name));
  }

  private static NotFoundException missing(String name) {
    return new NotFoundException("no study named '" + name + "'");
  }
}
