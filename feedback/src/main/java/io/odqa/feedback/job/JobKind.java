package io.odqa.feedback.job;

import java.util.Locale;

/** What a job does. */
public enum JobKind {
  /** TPE over the pipeline config on cached evaluations, then the gate. */
  RETUNE,
  /** Fine-tuning of the reader on feedback plus replay, then the gate. */
  REFRESH,
  /** Retraining of the graph stage's path classifier and ranker with feedback, then the gate. */
  GRAPH_REFRESH;

  /** The lower-case name used in JSON and Neo4j: {@code retune}, {@code refresh}, {@code graph-refresh}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a {@link #label}. */
  public static JobKind of(String label) {
    for (JobKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind must be retune, refresh or graph-refresh, got " + label);
  }
}
