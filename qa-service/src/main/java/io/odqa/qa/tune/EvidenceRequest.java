package io.odqa.qa.tune;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/eval/sessions/{id}/evidence}.
 *
 * @param config the {@link io.odqa.core.model.PipelineConfig} whose retrieval is searched; the
 *     config in force when absent
 */
public record EvidenceRequest(JsonNode config) {}
