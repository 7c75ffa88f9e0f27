package io.odqa.qa.api;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.config.PipelineConfigs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/config}: the pipeline config in force. */
@Path("/api/v1/config")
public class ConfigResource {
  private final PipelineConfigs configs;

  ConfigResource(PipelineConfigs configs) {
    this.configs = configs;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public PipelineConfig current() {
    return configs.current();
  }
}
