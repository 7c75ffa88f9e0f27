package io.odqa.feedback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every setting of the feedback service; defaults here, overrides in {@code application.properties}. */
@ConfigMapping(prefix = "odqa")
public interface FeedbackConfig {
  /** Publishing. */
  Feedback feedback();

  /** Where qa-service answers. */
  Qa qa();

  /** The loop: labels, retune, refresh, gate and triggers. */
  Loop loop();

  /** The operator console's read endpoints. */
  Console console();

  /** Bounds that keep the console's pages small and fast however much history there is. */
  interface Console {
    /** Largest {@code limit} a list endpoint accepts. */
    @WithDefault("500")
    int maxPageSize();

    /** Most time buckets the accuracy timeline returns (the newest). */
    @WithDefault("500")
    int timelineBuckets();

    /** Most points a study summary's curve and each slice return (downsampled beyond). */
    @WithDefault("500")
    int summaryPoints();

    /** Quantile bins of a numeric parameter in the importance estimate. */
    @WithDefault("10")
    int importanceBins();

    /** Longest the models view waits for qa-service's champions before showing none. */
    @WithDefault("3s")
    Duration championsTimeout();
  }

  /** Settings of the feedback endpoint. */
  interface Feedback {
    /** How long {@code POST /api/v1/feedback} waits for Kafka to acknowledge an event. */
    @WithDefault("10s")
    Duration publishTimeout();
  }

  /** qa-service. */
  interface Qa {
    /** Base URL of qa-service. */
    @WithDefault("http://127.0.0.1:8080")
    String url();

    /** Longest one call may take; scoring a session's first config reads every passage. */
    @WithDefault("60m")
    Duration callTimeout();
  }

  /** The feedback loop. */
  interface Loop {
    /** Fraction of questions (by their first event's id) held out for the gate. */
    @WithDefault("0.3")
    double heldOutFraction();

    /** Retuning. */
    Retune retune();

    /** Reader refresh. */
    Refresh refresh();

    /** Graph-stage refresh. */
    GraphRefresh graphRefresh();

    /** The promotion gate. */
    Gate gate();

    /** What starts jobs on its own. */
    Triggers triggers();
  }

  /** The retune job. */
  interface Retune {
    /** The search space file; without one, the shipped {@code pipeline-space.json}. */
    Optional<Path> spaceFile();

    /** Trials per retune. */
    @WithDefault("40")
    int trials();

    /** {@code tpe} or {@code random}. */
    @WithDefault("tpe")
    String sampler();

    /** Tuning-part questions used at most (a seeded sample), to bound the first reader pass. */
    @WithDefault("400")
    int maxQuestions();

    /** SQuAD-open-format questions mixed into the objective so that it does not overfit feedback. */
    Optional<Path> anchorQuestions();

    /** The collection the anchor questions are about; they join only its retunes. */
    @WithDefault("squad")
    String anchorCollection();

    /** Anchor questions sampled (seeded, fixed across retunes). */
    @WithDefault("100")
    int anchorSize();
  }

  /** The reader-refresh job. */
  interface Refresh {
    /** The model registry: one directory per version. */
    Path registryDir();

    /** Replay: SQuAD-open-format training questions, so the reader does not forget. */
    Optional<Path> replayQuestions();

    /** The paragraphs those questions are about ({@code corpus.jsonl}). */
    Optional<Path> replayCorpus();

    /** Replay examples per feedback example. */
    @WithDefault("1.0")
    double replayRatio();

    /** Top encoder layers updated (the span head always is); -1 updates every layer. */
    @WithDefault("2")
    int topLayers();

    /** Passes over the mixed examples. */
    @WithDefault("2")
    int epochs();

    /** Windows per update. */
    @WithDefault("16")
    int batchSize();

    /** Peak learning rate. */
    @WithDefault("5e-5")
    double learningRate();

    /** Fewest feedback-derived training examples a refresh needs. */
    @WithDefault("20")
    int minExamples();

    /**
     * Most feedback-derived examples one refresh trains on (a seeded sample of them), which
     * bounds its time: on a 2-core CPU one update of 16 windows takes about 15 s.
     */
    @WithDefault("256")
    int maxExamples();

    /** {@code auto}, {@code cpu} or {@code gpu}. */
    @WithDefault("auto")
    String device();
  }

/**
   * The graph-refresh job. Its models go to the reader's registry
   * ({@code odqa.loop.refresh.registry-dir}), one directory per version.
   */
  interface GraphRefresh {
    /**
     * MetaQA-format question files (JSONL with the topic in brackets) the shipped graph model
     * was trained on; their training part ({@code MetaQaQuestions}' split, as {@code ./odqa
     * train kgqa} uses) is trained on again beside the feedback, so the model does not forget
     * them. Empty: feedback alone.
     */
    Optional<java.util.List<Path>> baseQuestions();

    /** Fewest feedback questions with a linked topic and a confirmed answer a refresh needs. */
    @WithDefault("20")
    int minExamples();

    /** Longest the read of the collection's facts from Neo4j may take. */
    @WithDefault("120s")
    Duration readTimeout();
  }

  /** The promotion gate. */
  interface Gate {
    /** Smallest mean F1 gain on held-out questions that promotes. */
    @WithDefault("0.005")
    double margin();

    /** Bootstrap draws. */
    @WithDefault("10000")
    int resamples();

    /** Fewest held-out questions a decision needs. */
    @WithDefault("20")
    int minQuestions();
  }

  /** Automatic job starts; 0 or {@code off} disables one. */
  interface Triggers {
    /** How often the count and accuracy triggers look. */
    @WithDefault("5s")
    Duration checkEvery();

    /** A retune after this many new events of a collection. */
    @WithDefault("500")
    int retuneEveryEvents();

    /** A refresh after this many new events of a collection. */
    @WithDefault("2000")
    int refreshEveryEvents();

    /** A graph refresh after this many new events of a collection. */
    @WithDefault("2000")
    int graphRefreshEveryEvents();

    /** Events in the rolling accuracy window. */
    @WithDefault("200")
    int accuracyWindow();

    /** A retune when accuracy over the last window is this much below the window before. */
    @WithDefault("0.1")
    double accuracyDrop();

    /** Both jobs on a schedule, for collections with new events: a duration, or {@code off}. */
    @WithDefault("off")
    String schedule();
  }
}
