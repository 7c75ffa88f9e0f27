package io.odqa.qa.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/retrieve}.
 *
 * @param question the query, 1 to 1,000 characters
 * @param collection collection to search; {@code default} when absent
 * @param topK passages to return, in [1, 1000]; 100 when absent
 */
public record RetrieveRequest(
    @NotBlank(message = "question must be a non-blank string")
    @Size(max = 1000, message = "question must be at most 1000 characters")
    String question,
    String collection,
    @Min(value = 1, message = "topK must be in [1, 1000]")
    @Max(value = 1000, message = "topK must be in [1, 1000]")
    Integer topK) {}
