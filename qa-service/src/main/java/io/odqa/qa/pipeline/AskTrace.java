package io.odqa.qa.pipeline;

import io.odqa.core.model.PipelineConfig;
import io.odqa.qa.kg.KgResult;
import io.odqa.qa.read.Reading;
import io.odqa.qa.retrieve.RetrievalTrace;

/**
 * One run of the pipeline with what each stage produced on the way, so that {@code
 * /ask/explain} can show why the answers came out. Every part is what the run computed anyway.
 *
 * @param result what {@code /ask} returns for the run
 * @param config the config snapshot the run used
 * @param retrieval the retrieved passages and the rankings fused into them
 * @param reading what the reader did, with its spans; null when no reader model is loaded
 * @param graph the graph stage's steps and the answers fusion saw (after {@code
 *     graph.minConfidence}); null when the stage did not run or the graph was unavailable
 */
public record AskTrace(AskResult result, PipelineConfig config, RetrievalTrace retrieval,
    Reading reading, KgResult graph) {}
