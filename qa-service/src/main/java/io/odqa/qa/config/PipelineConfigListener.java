package io.odqa.qa.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.odqa.core.model.Champion;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.model.Promotion;
import io.odqa.qa.champion.Champions;
import io.odqa.qa.champion.ChampionsReadiness;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Applies what arrives on the config topic ({@code odqa.config}) and the models topic ({@code
 * odqa.models}). Every replica reads both topics whole with its own consumer group, so all
 * replicas converge on the latest champions, also after a restart. A config message is either a
 * {@link Promotion} (from the feedback service's gate, or a rollback) or a bare {@link
 * PipelineConfig}; an invalid message is counted and ignored, and the champion in force stays.
 */
@ApplicationScoped
public class PipelineConfigListener {
  private static final Logger LOG = Logger.getLogger(PipelineConfigListener.class);

  private final Champions champions;
  private final ObjectMapper mapper;
  private final MeterRegistry registry;
  private final ChampionsReadiness readiness;

  PipelineConfigListener(Champions champions, ObjectMapper mapper, MeterRegistry registry,
      @Readiness ChampionsReadiness readiness) {
    this.champions = champions;
    this.mapper = mapper;
    this.registry = registry;
    this.readiness = readiness;
  }

  @Incoming("pipeline-config")
  @Blocking
  public CompletionStage<Void> onConfig(Message<String> message) {
    try {
      Promotion p = parse(message.getPayload(), Promotion.CONFIG);
      if (p != null) {
        champions.apply(p);
        count(Promotion.CONFIG, "applied");
      }
    } finally {
      readiness.applied(message);
    }
    return message.ack();
  }

  @Incoming("models")
  @Blocking
  public CompletionStage<Void> onModel(Message<String> message) {
    try {
      Promotion p = parse(message.getPayload(), Promotion.MODEL);
      if (p != null) {
        champions.apply(p);
        count(p.kind(), "applied");
      }
    } finally {
      readiness.applied(message);
    }
    return message.ack();
  }

  private Promotion parse(String json, String kind) {
    try {
      JsonNode tree = mapper.readTree(json);
      if (tree != null && tree.has("kind")) {
        Promotion p = mapper.treeToValue(tree, Promotion.class);
        boolean fits = kind.equals(p.kind())
            || Promotion.MODEL.equals(kind) && Promotion.GRAPH.equals(p.kind());
        if (!fits) {
          throw new IllegalArgumentException("a " + p.kind() + " promotion on the " + kind + " topic");
        }
        return p;
      }
      if (!Promotion.CONFIG.equals(kind)) {
        throw new IllegalArgumentException("a model message must be a promotion with a kind");
      }
      PipelineConfig bare = mapper.treeToValue(tree, PipelineConfig.class);
      return new Promotion(kind, bare.version(), bare, null, (Champion) null, "published",
          Map.of(), System.currentTimeMillis());
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      count(kind, "rejected");
      LOG.warnf("ignoring invalid %s message: %s", kind, e.getMessage());
      return null;
    }
  }

  private void count(String kind, String outcome) {
    registry.counter(Promotion.CONFIG.equals(kind) ? "odqa.config.updates"
        : Promotion.GRAPH.equals(kind) ? "odqa.graph-model.updates" : "odqa.model.updates",
        "outcome", outcome).increment();
  }
}
