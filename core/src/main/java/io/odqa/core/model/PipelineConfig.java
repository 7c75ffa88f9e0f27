package io.odqa.core.model;

/**
 * Every knob of the question-answering pipeline, versioned as one value so that it can be
 * replaced atomically at run time. The tuner proposes these (the search space names them as
 * {@code topK}, {@code reader.stride}, {@code fusion.kgWeight}, ...); qa-service applies them.
 *
 * @param version an opaque label reported with every answer, e.g. {@code default-1}
 * @param topK passages retrieved per question, in [1, 100]
 * @param bm25K1 BM25 term-frequency saturation k1, in [0, 3] (Robertson and Zaragoza, 2009)
 * @param bm25B BM25 length normalisation b, in [0, 1]
 * @param titleBoost weight of a match in the document title relative to the passage text, in [0, 5]
 * @param reader how the reader turns the best passages into answer spans
 * @param fusion how text and graph answers are merged
 * @param graph how the graph stage answers; {@link Graph#DEFAULT} when absent (configs written
 *     before the graph knobs existed)
 * @param retrieval which retrievers run and how their rankings are fused; {@link
 *     Retrieval#BM25} when absent (configs written before dense retrieval existed)
 * @param cascade how the reader reads the best passages in rounds and stops early; {@link
 *     Cascade#OFF} when absent
 */
public record PipelineConfig(String version, int topK, double bm25K1, double bm25B,
    double titleBoost, Reader reader, Fusion fusion, Graph graph, Retrieval retrieval,
    Cascade cascade) {

  public PipelineConfig {
    Checks.requireText("version", version);
    Checks.requireRange("version.length", version.length(), 1, 200);
    Checks.requireRange("topK", topK, 1, 100);
    Checks.requireRange("bm25K1", bm25K1, 0.0, 3.0);
    Checks.requireRange("bm25B", bm25B, 0.0, 1.0);
    Checks.requireRange("titleBoost", titleBoost, 0.0, 5.0);
    if (reader == null) {
      throw new IllegalArgumentException("reader must be given");
    }
    if (fusion == null) {
      throw new IllegalArgumentException("fusion must be given");
    }
    if (graph == null) {
      graph = Graph.DEFAULT;
    }
    if (retrieval == null) {
      retrieval = Retrieval.BM25;
    }
    if (cascade == null) {
      cascade = Cascade.OFF;
    }
  }

  /** A config with the default graph knobs, BM25 retrieval and no cascade. */
  public PipelineConfig(String version, int topK, double bm25K1, double bm25B, double titleBoost,
      Reader reader, Fusion fusion) {
    this(version, topK, bm25K1, bm25B, titleBoost, reader, fusion, Graph.DEFAULT);
  }

  /** A config with BM25 retrieval and no cascade. */
  public PipelineConfig(String version, int topK, double bm25K1, double bm25B, double titleBoost,
      Reader reader, Fusion fusion, Graph graph) {
    this(version, topK, bm25K1, bm25B, titleBoost, reader, fusion, graph, Retrieval.BM25,
        Cascade.OFF);
  }

  /** This config with other reader knobs. */
  public PipelineConfig withReader(Reader next) {
    return new PipelineConfig(version, topK, bm25K1, bm25B, titleBoost, next, fusion, graph,
        retrieval, cascade);
  }

  /** This config under another version label. */
  public PipelineConfig withVersion(String next) {
    return new PipelineConfig(next, topK, bm25K1, bm25B, titleBoost, reader, fusion, graph,
        retrieval, cascade);
  }

  /** This config with other retrieval knobs. */
  public PipelineConfig withRetrieval(Retrieval next) {
    return new PipelineConfig(version, topK, bm25K1, bm25B, titleBoost, reader, fusion, graph,
        next, cascade);
  }

  /** This config with other cascade knobs. */
  public PipelineConfig withCascade(Cascade next) {
    return new PipelineConfig(version, topK, bm25K1, bm25B, titleBoost, reader, fusion, graph,
        retrieval, next);
  }

  /**
   * Reader knobs.
   *
   * @param passages best retrieved passages that the reader reads, in [1, 50]
   * @param windowTokens tokens per model input window, in [64, 512]
   * @param stride tokens shared by consecutive windows of a long passage, in [0, windowTokens / 2]
   * @param maxAnswerTokens longest answer in tokens, in [1, 100]
   * @param minScore answers whose reader probability is below this are dropped, in [0, 1]
   * @param passageWeight exponent on the passage's retrieval probability (softmax of BM25 over
   *     the read passages) in the answer score, in [0, 2]; 0 ignores retrieval
   */
  public record Reader(int passages, int windowTokens, int stride, int maxAnswerTokens,
      double minScore, double passageWeight) {
    public Reader {
      Checks.requireRange("reader.passages", passages, 1, 50);
      Checks.requireRange("reader.windowTokens", windowTokens, 64, 512);
      Checks.requireRange("reader.stride", stride, 0, windowTokens / 2);
      Checks.requireRange("reader.maxAnswerTokens", maxAnswerTokens, 1, 100);
      Checks.requireRange("reader.minScore", minScore, 0.0, 1.0);
      Checks.requireRange("reader.passageWeight", passageWeight, 0.0, 2.0);
    }
  }

  /**
   * Fusion knobs.
   *
   * @param kgWeight weight of a graph answer's confidence against a text answer's score; an
   *     answer found by both gets {@code (1 - w) * text + w * kg}, in [0, 1]
   */
  public record Fusion(double kgWeight) {
    public Fusion {
      Checks.requireRange("fusion.kgWeight", kgWeight, 0.0, 1.0);
    }
  }

  /**
   * Graph-stage knobs.
   *
   * @param pathsTried relation paths tried, most probable first, until one reaches an answer, in
   *     [1, 10]
   * @param minConfidence graph answers whose confidence (path probability × linking score) is
   *     below this are dropped, in [0, 1]
   */
  public record Graph(int pathsTried, double minConfidence) {
    /** The knobs in force before they were tunable: three paths, no confidence floor. */
    public static final Graph DEFAULT = new Graph(3, 0.0);

    public Graph {
      Checks.requireRange("graph.pathsTried", pathsTried, 1, 10);
      Checks.requireRange("graph.minConfidence", minConfidence, 0.0, 1.0);
    }
  }

  /**
   * Retrieval knobs: BM25 over the inverted index, k-nearest-neighbour search over the passages'
   * dense vectors (bge-small), or both fused. A passage without a vector (its embedding is not
   * done yet, or the collection has none) is found by BM25 only.
   *
   * @param mode {@code bm25}, {@code dense} or {@code hybrid}
   * @param depth candidates each retriever returns before fusion, in [1, 1000]; the fused list
   *     is cut to {@code topK}
   * @param fusion {@code rrf}: reciprocal rank fusion, {@code sum 1 / (rrfK + rank)} (Cormack et
   *     al., 2009); {@code linear}: {@code bm25 + denseWeight * cosine}, a score missing from one
   *     list taken as that list's lowest (as Pyserini's hybrid searcher does)
   * @param rrfK the rank constant of RRF, in [1, 1000]
   * @param denseWeight weight of the cosine against BM25 in linear fusion, in [0, 200]
   * @param proximity weight of BM25's term-proximity clauses against its single terms, in [0,
   *     5]: each pair of consecutive question terms also scores as a phrase with slop {@link
   *     #PROXIMITY_SLOP} (the ordered pairs of the sequential dependence model; Metzler and
   *     Croft, 2005); 0 turns them off. Boxed so that a config written before the knob existed
   *     (promoted configs live on in the config topic) reads as 0 instead of failing
   */
  public record Retrieval(String mode, int depth, String fusion, int rrfK, double denseWeight,
      Double proximity) {
    /** BM25 alone: the pipeline before dense retrieval. */
    public static final Retrieval BM25 = new Retrieval("bm25", 100, "linear", 60, 20.0, 0.0);
    /**
     * Positions a proximity pair may move, so that one stop word between its terms (dropped
     * from the question, kept in the passage's positions) or a swap still counts.
     */
    public static final int PROXIMITY_SLOP = 2;

    public Retrieval {
      Checks.requireText("retrieval.mode", mode);
      if (!mode.equals("bm25") && !mode.equals("dense") && !mode.equals("hybrid")) {
        throw new IllegalArgumentException("retrieval.mode must be bm25, dense or hybrid, got '"
            + mode + "'");
      }
      Checks.requireRange("retrieval.depth", depth, 1, 1000);
      Checks.requireText("retrieval.fusion", fusion);
      if (!fusion.equals("rrf") && !fusion.equals("linear")) {
        throw new IllegalArgumentException("retrieval.fusion must be rrf or linear, got '"
            + fusion + "'");
      }
      Checks.requireRange("retrieval.rrfK", rrfK, 1, 1000);
      Checks.requireRange("retrieval.denseWeight", denseWeight, 0.0, 200.0);
      proximity = proximity == null ? 0.0 : proximity;
      Checks.requireRange("retrieval.proximity", proximity, 0.0, 5.0);
    }

    /** Whether BM25 runs. */
    public boolean sparse() {
      return !mode.equals("dense");
    }

    /** Whether the dense retriever runs. */
    public boolean dense() {
      return !mode.equals("bm25");
    }
  }

  /**
   * Reader cascade knobs: the reader first reads the best {@code first} of the passages it
   * would read, in order of retrieval promise, and stops there when its best answer's reader
   * probability reaches {@code exitScore}; otherwise it reads the rest in a second round.
   *
   * @param first passages read in the first round, in [1, 50]; {@code first >=
   *     reader.passages} reads everything in one round (the cascade is off)
   * @param exitScore reader probability of the best first-round answer at which the reader
   *     stops, in [0, 1]; 1 never stops early
   */
  public record Cascade(int first, double exitScore) {
    /** No cascade: every passage in one round. */
    public static final Cascade OFF = new Cascade(50, 1.0);

    public Cascade {
      Checks.requireRange("cascade.first", first, 1, 50);
      Checks.requireRange("cascade.exitScore", exitScore, 0.0, 1.0);
    }
  }
}
