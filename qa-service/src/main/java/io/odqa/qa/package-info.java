/**
 * The question-answering service. A question flows through one package per stage: question
 * analysis and retrieval ({@code retrieve}), then the pipeline that assembles answers with
 * per-stage timings ({@code pipeline}); the pipeline's knobs live in one hot-swappable
 * {@link io.odqa.core.model.PipelineConfig} ({@code config}).
 */
package io.odqa.qa;
