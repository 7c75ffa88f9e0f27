package io.odqa.qa.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /api/v1/eval/sessions/{id}/score}.
 *
 * @param configs 1 to 64 {@link io.odqa.core.model.PipelineConfig}s as JSON; kept as trees so
 *     that an invalid one is refused with its index and the knob at fault
 */
public record ScoreRequest(List<JsonNode> configs) {}
