package io.odqa.qa.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/read}.
 *
 * @param question the question, 1 to 1,000 characters
 * @param collection collection holding the document; {@code default} when absent
 * @param docId the document whose passages are read
 */
public record ReadRequest(
    @NotBlank(message = "question must be a non-blank string")
    @Size(max = 1000, message = "question must be at most 1000 characters")
    String question,
    String collection,
    @NotBlank(message = "docId must be a non-blank string")
    String docId) {}
