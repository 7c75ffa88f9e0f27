package io.odqa.qa.config;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.QaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link PipelineConfig}. A request reads it once at its start and uses that
 * snapshot throughout, so a swap never mixes two configs within one answer.
 */
@ApplicationScoped
public class PipelineConfigs {
  private final AtomicReference<PipelineConfig> current;

  PipelineConfigs(QaConfig config) {
    QaConfig.Pipeline p = config.pipeline();
    QaConfig.Reader r = p.reader();
    current = new AtomicReference<>(new PipelineConfig(p.version(), p.topK(), p.bm25K1(),
        p.bm25B(), p.titleBoost(),
        new PipelineConfig.Reader(r.passages(), r.windowTokens(), r.stride(), r.maxAnswerTokens(),
            r.minScore(), r.passageWeight()),
        new PipelineConfig.Fusion(p.fusion().kgWeight()),
        new PipelineConfig.Graph(config.kgqa().pathsTried(), 0.0),
        new PipelineConfig.Retrieval(p.retrieval().mode(), p.retrieval().depth(),
            p.retrieval().fusion(), p.retrieval().rrfK(), p.retrieval().denseWeight(),
            p.retrieval().proximity()),
        new PipelineConfig.Cascade(p.cascade().first(), p.cascade().exitScore())));
  }

  /** The config in force now. */
  public PipelineConfig current() {
    return current.get();
  }

  /** Makes {@code next} the config in force and returns the one it replaced. */
  public PipelineConfig swap(PipelineConfig next) {
    return current.getAndSet(next);
  }
}
