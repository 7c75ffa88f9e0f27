/**
 * The QA pipeline as a tuning problem: {@link io.odqa.tuner.pipeline.PipelineSpace} reads the
 * declarative space of {@link io.odqa.core.model.PipelineConfig} knobs
 * ({@code pipeline-space.json}) and turns trial parameters into configs. The feedback service's
 * retune job and {@code ./odqa bench retune} share it.
 */
package io.odqa.tuner.pipeline;
