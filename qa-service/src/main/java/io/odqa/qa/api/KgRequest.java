package io.odqa.qa.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/kg}.
 *
 * @param question the question, 1 to 1,000 characters
 * @param collection collection whose graph answers it; {@code default} when absent
 */
public record KgRequest(
    @NotBlank(message = "question must be a non-blank string")
    @Size(max = 1000, message = "question must be at most 1000 characters")
    String question,
    String collection) {}
