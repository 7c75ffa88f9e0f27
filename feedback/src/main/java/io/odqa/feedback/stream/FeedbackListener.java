package io.odqa.feedback.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.odqa.core.model.FeedbackEvent;
import io.odqa.feedback.store.FeedbackStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Stores every event that arrives on the feedback topic. While Neo4j is unreachable the
 * listener retries for up to ten minutes before the message goes to the dead-letter topic, so
 * an outage delays feedback but does not drop it. An invalid message goes there at once.
 */
@ApplicationScoped
public class FeedbackListener {
  private final FeedbackCodec codec;
  private final FeedbackStore store;
  private final MeterRegistry registry;

  FeedbackListener(FeedbackCodec codec, FeedbackStore store, MeterRegistry registry) {
    this.codec = codec;
    this.store = store;
    this.registry = registry;
  }

  @Incoming("feedback-in")
  @Blocking(ordered = true)
  @Retry(maxRetries = -1, delay = 1000, maxDuration = 600_000, abortOn = InvalidFeedbackException.class,
      retryOn = {ServiceUnavailableException.class, SessionExpiredException.class,
          TransientException.class})
  public void onFeedback(String json) {
    FeedbackEvent event = codec.decode(json);
    long deliveries = store.store(event);
    registry.counter("odqa.feedback.received", "outcome", deliveries == 1 ? "stored" : "duplicate")
        .increment();
  }
}
