/**
 * The pipeline config in force, and its hot swap: a newer {@link io.odqa.core.model.PipelineConfig}
 * published on the config topic replaces the current one atomically, between two requests.
 */
package io.odqa.qa.config;
