package io.odqa.qa;

import io.odqa.kg.Neo4jSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Every setting of the QA service; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "odqa")
public interface QaConfig {
  /** Root of the platform's on-disk state; collection indexes are under {@code index/}. */
  Path dataDir();

  /** The Neo4j server. */
  Neo4jSettings neo4j();

  /** The pipeline config in force until a newer one arrives on the config topic. */
  Pipeline pipeline();

  /** Initial values of {@link io.odqa.core.model.PipelineConfig}. */
  interface Pipeline {
    @WithDefault("default-1")
    String version();

    @WithDefault("10")
    int topK();

    @WithDefault("0.9")
    double bm25K1();

    @WithDefault("0.4")
    double bm25B();

    @WithDefault("0.5")
    double titleBoost();
  }
}
