package io.odqa.qa.champion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.Promotion;
import io.odqa.service.KeyedSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes a {@link Promotion} (here: a rollback) on the config or models topic, keyed by
 * version, and waits until Kafka has acknowledged it, so that a rollback the caller heard of
 * survives a restart of every replica.
 */
@ApplicationScoped
public class PromotionPublisher {
  private static final long ACK_TIMEOUT_SECONDS = 10;

  private final Emitter<String> configs;
  private final Emitter<String> models;
  private final ObjectMapper mapper;

  PromotionPublisher(@Channel("config-out") Emitter<String> configs,
      @Channel("models-out") Emitter<String> models, ObjectMapper mapper) {
    this.configs = configs;
    this.models = models;
    this.mapper = mapper;
  }

  /** Sends {@code promotion} to its kind's topic and waits for the acknowledgement. */
  public void publish(Promotion promotion) {
    String json;
    try {
      json = mapper.writeValueAsString(promotion);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Promotion always serialises, but did not", e);
    }
    CompletableFuture<Void> acked = KeyedSend.send(
        Promotion.CONFIG.equals(promotion.kind()) ? configs : models, promotion.key(), json);
    try {
      acked.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ChampionException(503, "the " + promotion.kind()
          + " topic did not acknowledge the rollback; nothing changed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChampionException(503, "interrupted while publishing the rollback");
    }
  }
}
