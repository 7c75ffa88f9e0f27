package io.odqa.feedback.job;

import java.util.Locale;

/** What a job does. */
public enum JobKind {
  /** TPE over the pipeline config on cached evaluations, then the gate. */
  RETUNE,
  /** Fine-tuning of the reader on feedback plus replay, then the gate. */
  REFRESH;

  /** The lower-case name used in JSON and Neo4j. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code retune} or {@code refresh}. */
  public static JobKind of(String label) {
    for (JobKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind must be retune or refresh, got " + label);
  }
}
