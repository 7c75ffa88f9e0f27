package io.odqa.feedback.api;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.FeedbackEvent;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.console.FeedbackBrowser;
import io.odqa.feedback.console.FeedbackItem;
import io.odqa.feedback.console.Page;
import io.odqa.feedback.console.Timeline;
import io.odqa.feedback.store.FeedbackStore;
import io.odqa.feedback.store.StoredFeedback;
import io.odqa.feedback.stream.FeedbackPublisher;
import io.odqa.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/v1/feedback} publishes an event to the feedback topic and answers 202 once
 * Kafka has it; {@code GET /api/v1/feedback/{eventId}} shows it after the consumer stored it.
 * {@code GET /api/v1/feedback[?collection=&verdict=&limit=&offset=]} pages through stored events,
 * newest first, and {@code GET /api/v1/feedback/timeline[?collection=&bucket=hour|day]} counts
 * verdicts per time bucket and per config and model.
 */
@Path("/api/v1/feedback")
public class FeedbackResource {
  private static final List<String> VERDICTS = List.of("correct", "incorrect", "partial");
  private static final List<String> BUCKETS = List.of("hour", "day");

  private final FeedbackPublisher publisher;
  private final FeedbackStore store;
  private final FeedbackBrowser browser;
  private final FeedbackConfig.Console console;

  FeedbackResource(FeedbackPublisher publisher, FeedbackStore store, FeedbackBrowser browser,
      FeedbackConfig config) {
    this.publisher = publisher;
    this.store = store;
    this.browser = browser;
    this.console = config.console();
  }

  /** Stored events, newest first (ties by event id), with the total that match. */
  @RolesAllowed(Roles.VIEWER)
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Page<FeedbackItem> list(@QueryParam("collection") String collection,
      @QueryParam("verdict") String verdict, @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging page = Paging.of(limit, offset, 50, console.maxPageSize());
    return browser.page(Paging.collection(collection), Paging.oneOf("verdict", verdict, VERDICTS),
        page.limit(), page.offset());
  }

  /** Verdict counts and accuracy per hour or UTC day, the newest buckets, oldest first. */
  @GET
  @Path("/timeline")
  @Produces(MediaType.APPLICATION_JSON)
  public Timeline timeline(@QueryParam("collection") String collection,
      @QueryParam("bucket") String bucket) {
    String b = Paging.oneOf("bucket", bucket, BUCKETS);
    return browser.timeline(Paging.collection(collection),
        "day".equals(b) ? FeedbackBrowser.BucketWidth.DAY : FeedbackBrowser.BucketWidth.HOUR,
        console.timelineBuckets());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> submit(
      @Valid @NotNull(message = "request body is empty") FeedbackRequest request) {
    FeedbackEvent event = toEvent(request);
    return publisher.publish(event).handle((published, error) -> {
      if (error != null) {
        // Not acknowledged: the event may be lost, so the client must retry (same eventId).
        throw new ServiceUnavailableException(
            "the feedback topic did not acknowledge the event; retry with eventId "
                + event.eventId(), (Long) null);
      }
      return Response.accepted(Map.of("eventId", published.eventId(), "status", "published"))
          .location(URI.create("/api/v1/feedback/" + published.eventId())).build();
    });
  }

  /** How many events are stored, of {@code collection} when given. */
  @GET
  @Path("/stats")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> stats(@QueryParam("collection") String collection) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("collection", collection);
    out.put("stored", store.count(collection));
    return out;
  }

  @RolesAllowed(Roles.VIEWER)
  @GET
  @Path("/{eventId}")
  @Produces(MediaType.APPLICATION_JSON)
  public StoredFeedback get(@PathParam("eventId") String eventId) {
    return store.find(eventId).orElseThrow(
        () -> new NotFoundException("no stored feedback with eventId " + eventId));
  }

  private static FeedbackEvent toEvent(FeedbackRequest r) {
    try {
      String id = r.eventId() == null ? UUID.randomUUID().toString() : r.eventId();
      return new FeedbackEvent(id, CollectionName.orDefault(r.collection()).value(), r.question(),
          r.answer(), r.verdict(), r.passageId(), r.correctAnswer(), r.configVersion(),
          r.modelVersion(), System.currentTimeMillis());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
