package io.odqa.qa.tune;

import java.util.List;

/**
 * Answer to {@code POST /api/v1/eval/sessions/{id}/evidence}.
 *
 * @param items one per question in the session's order; {@code null} where no retrieved passage
 *     (to the session's depth) contains a gold answer
 */
public record EvidenceResponse(List<Evidence> items) {}
