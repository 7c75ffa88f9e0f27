package io.odqa.feedback.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.Champion;
import io.odqa.core.model.Promotion;
import io.odqa.feedback.qa.QaChampions;
import io.odqa.service.KeyedSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes a promoted config on the compacted config topic and a promoted reader or graph model
 * on the models topic, keyed by version ({@link Promotion#key}), and waits for Kafka's acknowledgement: a decision is reported as
 * promoted only once every qa-service replica can read it.
 */
@ApplicationScoped
public class Promotions {
  private final Emitter<String> configs;
  private final Emitter<String> models;
  private final ObjectMapper mapper;

  Promotions(@Channel("config-out") Emitter<String> configs,
      @Channel("models-out") Emitter<String> models, ObjectMapper mapper) {
    this.configs = configs;
    this.models = models;
    this.mapper = mapper;
  }

  /**
   * The promotion of reader ({@link Promotion#MODEL}) or graph ({@link Promotion#GRAPH}) model
   * {@code version} in {@code dir}, replacing the champion of that kind in {@code champions}
   * (null when qa-service could not say: then the message names no previous champion).
   */
  public static Promotion ofModel(String kind, String version, Path dir, QaChampions champions,
      String reason, Map<String, Object> metrics) {
    Champion previous = null;
    if (champions != null) {
      previous = Promotion.GRAPH.equals(kind)
          ? new Champion(champions.graphVersion(), null, champions.graphDir())
          : new Champion(champions.modelVersion(), null, champions.modelDir());
    }
    return new Promotion(kind, version, null, dir.toString(), previous, reason, metrics,
        System.currentTimeMillis());
  }

  /** Sends {@code promotion}; throws when Kafka does not acknowledge it within 30 s. */
  public void publish(Promotion promotion) throws InterruptedException {
    try {
      String json = mapper.writeValueAsString(promotion);
      KeyedSend.send(Promotion.CONFIG.equals(promotion.kind()) ? configs : models,
          promotion.key(), json).get(30, TimeUnit.SECONDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Promotion always serialises, but did not", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the " + promotion.kind()
          + " topic did not acknowledge promotion " + promotion.version() + ": " + e.getMessage(), e);
    }
  }
}
