package io.odqa.qa;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Every setting of the QA service; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "odqa")
public interface QaConfig {
  /** Root of the platform's on-disk state; collection indexes are under {@code index/}. */
  Path dataDir();

  /** The pipeline config in force until a newer one arrives on the config topic. */
  Pipeline pipeline();

  /** The reader model and where it runs. */
  ReaderModelConfig reader();

  /** Knowledge-graph question answering. */
  Kgqa kgqa();

  /** Settings of the graph stage. */
  interface Kgqa {
    /** The relation-path classifier ({@code ./odqa train kgqa}); without it no graph answers. */
    java.util.Optional<Path> model();

    /** Longest a single graph query may run. */
    @WithDefault("2s")
    java.time.Duration timeout();

    /** Relation paths tried, most probable first, until one reaches an answer. */
    @WithDefault("3")
    int pathsTried();

    /** Graph answers returned at most. */
    @WithDefault("10")
    int maxAnswers();
  }

  /** Which model the reader loads at start-up, and how it runs. */
  interface ReaderModelConfig {
    /**
     * Model directory ({@code config.json}, {@code tokenizer.json}, {@code *.safetensors}).
     * Without one, answers are whole passages and {@code degraded} lists {@code reader}.
     */
    java.util.Optional<Path> modelDir();

    /** {@code auto} (first GPU if any, else CPU), {@code cpu}, {@code gpu} or {@code gpu:N}. */
    @WithDefault("auto")
    String device();

    /**
     * Engine of the forward passes: {@code auto} (ONNX Runtime with int8 MatMuls where the
     * device is the CPU, DJL on a GPU), {@code djl}, {@code onnxruntime} (CPU only; about twice
     * DJL's windows per second on the same weights) or {@code onnxruntime-int8} (CPU only; about
     * twice that again). Evaluation sessions' own models use the same engine.
     */
    @WithDefault("auto")
    String engine();

    /**
     * Windows per forward pass at most, across the requests that a pass joins. On a CPU, 8
     * windows of 384 tokens already run at the per-window speed of 32 (147 ms each) and hold a
     * quarter of the memory (+180 MB against +700 MB at the peak of a pass); a GPU wants more.
     */
    @WithDefault("8")
    int batchSize();

    /** Forward passes that run at once; each holds one pass's native memory. */
    @WithDefault("1")
    int passes();

    /**
     * Requests that may wait for the reader; one more gets 503 with {@code Retry-After}. About
     * the timeout divided by the time a request takes: 32 × 0.45 s ≈ 15 s on a 2-core CPU.
     */
    @WithDefault("32")
    int queueCapacity();

    /** Longest a request may wait for its pass before it is refused with 503. */
    @WithDefault("15s")
    java.time.Duration queueTimeout();

    /** Dynamic batching of windows across concurrent requests. */
    Batching batching();

    /** Warm-up passes before readiness reports UP, and before a swapped-in model serves. */
    @WithDefault("true")
    boolean warmup();

    /** Start and end candidates per window, and spans kept per question. */
    @WithDefault("20")
    int nBest();
  }

  /** How the reader's scheduler joins windows of concurrent requests into one pass. */
  interface Batching {
    /** Off: every request's windows run in passes of their own. */
    @WithDefault("true")
    boolean enabled();

    /** Longest a pass waits for more windows once it has some, in [0, 1s]. */
    @WithDefault("2ms")
    java.time.Duration maxWait();

    /**
     * Padding a pass may carry, as a fraction of its real tokens, within one request and across
     * requests: on a CPU padding is wasted work, so only windows of similar length share a pass.
     */
    @WithDefault("0.25")
    double maxPadding();
  }

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

    /** Initial {@link io.odqa.core.model.PipelineConfig.Reader}. */
    Reader reader();

    /** Initial {@link io.odqa.core.model.PipelineConfig.Fusion}. */
    Fusion fusion();

    /** Initial {@link io.odqa.core.model.PipelineConfig.Retrieval}. */
    Retrieval retrieval();

    /** Initial {@link io.odqa.core.model.PipelineConfig.Cascade}. */
    Cascade cascade();
  }

  /** Retrieval knobs; see {@link io.odqa.core.model.PipelineConfig.Retrieval}. */
  interface Retrieval {
    @WithDefault("hybrid")
    String mode();

    @WithDefault("100")
    int depth();

    @WithDefault("linear")
    String fusion();

    @WithDefault("60")
    int rrfK();

    @WithDefault("20.0")
    double denseWeight();

    @WithDefault("0.3")
    double proximity();
  }

  /** Cascade knobs; see {@link io.odqa.core.model.PipelineConfig.Cascade}. */
  interface Cascade {
    @WithDefault("1")
    int first();

    @WithDefault("0.4")
    double exitScore();
  }

  /** The dense retriever's question encoder. */
  Dense dense();

  /** Where the question encoder lives; passages are embedded at ingest by the same model. */
  interface Dense {
    /** bge-small converted from its Maven-shipped ONNX; default {@code <data-dir>/models/bge-small}. */
    java.util.Optional<Path> modelDir();

    @WithDefault("cpu")
    String device();
  }

  /** Reader knobs; see {@link io.odqa.core.model.PipelineConfig.Reader}. */
  interface Reader {
    @WithDefault("5")
    int passages();

    @WithDefault("384")
    int windowTokens();

    @WithDefault("128")
    int stride();

    @WithDefault("30")
    int maxAnswerTokens();

    @WithDefault("0.0")
    double minScore();

    @WithDefault("0.5")
    double passageWeight();
  }

  /** Fusion knobs; see {@link io.odqa.core.model.PipelineConfig.Fusion}. */
  interface Fusion {
    @WithDefault("0.5")
    double kgWeight();
  }
}
