package io.odqa.qa.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/ask}.
 *
 * @param question the question, 1 to 1,000 characters
 * @param collection collection to answer from; {@code default} when absent
 * @param topK passages to retrieve, in [1, 100]; the pipeline config's when absent
 */
public record AskRequest(
    @NotBlank(message = "question must be a non-blank string")
    @Size(max = 1000, message = "question must be at most 1000 characters")
    String question,
    String collection,
    @Min(value = 1, message = "topK must be in [1, 100]")
    @Max(value = 100, message = "topK must be in [1, 100]")
    Integer topK) {}
