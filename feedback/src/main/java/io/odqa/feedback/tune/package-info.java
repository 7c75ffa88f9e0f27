/**
 * Retuning: TPE over the pipeline's search space ({@code pipeline-space.json}) on an offline
 * objective computed by qa-service from cached retrieval results and reader logits, then the
 * promotion gate on held-out feedback.
 */
package io.odqa.feedback.tune;
