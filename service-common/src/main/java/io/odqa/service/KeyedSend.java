package io.odqa.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends a keyed record through a Kafka {@link Emitter} and completes when the broker has
 * acknowledged it (with the channel's {@code acks}), so a caller answers only once its message
 * is durable.
 */
public final class KeyedSend {
  private KeyedSend() {}

  /** Sends {@code value} keyed by {@code key}; the future fails when Kafka refuses it. */
  public static CompletableFuture<Void> send(Emitter<String> emitter, String key, String value) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Metadata metadata = Metadata.of(
        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    emitter.send(Message.of(value, metadata,
        () -> {
          acked.complete(null);
          return CompletableFuture.completedFuture(null);
        },
        reason -> {
          acked.completeExceptionally(reason);
          return CompletableFuture.completedFuture(null);
        }));
    return acked;
  }
}
