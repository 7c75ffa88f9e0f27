/**
 * Tuning support: evaluation sessions that score pipeline configs against a fixed question set
 * for the feedback service's tuner, in milliseconds per trial. A session caches what a knob does
 * not change (retrieval per BM25 knobs, reader logits per question, passage and window layout,
 * graph answers per graph knobs) and re-decodes, re-scores and re-fuses from the cache with the
 * same functions that answer {@code /ask} ({@link io.odqa.reader.read.SpanReader#best},
 * {@link io.odqa.qa.read.DjlReader#answers}, {@link io.odqa.qa.fuse.AnswerFuser#fuse}), so a
 * session's answer is the one {@code /ask} would give under that config.
 */
package io.odqa.qa.tune;
