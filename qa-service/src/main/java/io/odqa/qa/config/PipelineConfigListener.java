package io.odqa.qa.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.odqa.core.model.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies pipeline configs published on the config topic ({@code odqa.config}). Every replica
 * reads the whole topic with its own consumer group, so all replicas converge on the latest
 * config, also after a restart. An invalid config is counted and ignored; the one in force stays.
 */
@ApplicationScoped
public class PipelineConfigListener {
  private static final Logger LOG = Logger.getLogger(PipelineConfigListener.class);

  private final PipelineConfigs configs;
  private final ObjectMapper mapper;
  private final Counter applied;
  private final Counter rejected;

  PipelineConfigListener(PipelineConfigs configs, ObjectMapper mapper, MeterRegistry registry) {
    this.configs = configs;
    this.mapper = mapper;
    this.applied = registry.counter("odqa.config.updates", "outcome", "applied");
    this.rejected = registry.counter("odqa.config.updates", "outcome", "rejected");
  }

  @Incoming("pipeline-config")
  public void onConfig(String json) {
    PipelineConfig next;
    try {
      next = mapper.readValue(json, PipelineConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      rejected.increment();
      LOG.warnf("ignoring invalid pipeline config: %s", e.getMessage());
      return;
    }
    PipelineConfig previous = configs.swap(next);
    applied.increment();
    LOG.infof("pipeline config %s replaces %s", next.version(), previous.version());
  }
}
