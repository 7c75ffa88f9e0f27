package io.odqa.core.model;

/**
 * Every knob of the question-answering pipeline, versioned as one value so that it can be
 * replaced atomically at run time. The tuner proposes these; qa-service applies them.
 *
 * @param version an opaque label reported with every answer, e.g. {@code default-1}
 * @param topK passages retrieved per question, in [1, 100]
 * @param bm25K1 BM25 term-frequency saturation k1, in [0, 3] (Robertson and Zaragoza, 2009)
 * @param bm25B BM25 length normalisation b, in [0, 1]
 * @param titleBoost weight of a match in the document title relative to the passage text, in [0, 5]
 */
public record PipelineConfig(String version, int topK, double bm25K1, double bm25B,
    double titleBoost) {

  public PipelineConfig {
    Checks.requireText("version", version);
    Checks.requireRange("version.length", version.length(), 1, 200);
    Checks.requireRange("topK", topK, 1, 100);
    Checks.requireRange("bm25K1", bm25K1, 0.0, 3.0);
    Checks.requireRange("bm25B", bm25B, 0.0, 1.0);
    Checks.requireRange("titleBoost", titleBoost, 0.0, 5.0);
  }
}
