package io.odqa.feedback.stream;

import io.odqa.core.model.FeedbackEvent;
import io.odqa.feedback.FeedbackConfig;
import io.odqa.service.KeyedSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes feedback events to the feedback topic, keyed by event id so that repeats of one
 * event land in one partition, in order. The returned stage completes when Kafka has
 * acknowledged the write, so an accepted event is durable before the client hears back.
 */
@ApplicationScoped
public class FeedbackPublisher {
  private final Emitter<String> emitter;
  private final FeedbackCodec codec;
  private final Duration timeout;

  FeedbackPublisher(@Channel("feedback-out") Emitter<String> emitter, FeedbackCodec codec,
      FeedbackConfig config) {
    this.emitter = emitter;
    this.codec = codec;
    this.timeout = config.feedback().publishTimeout();
  }

  /** Sends {@code event}; completes when acknowledged, or exceptionally after the timeout. */
  public CompletionStage<FeedbackEvent> publish(FeedbackEvent event) {
    CompletableFuture<FeedbackEvent> acked =
        KeyedSend.send(emitter, event.eventId(), codec.encode(event)).thenApply(ok -> event);
    return acked.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
