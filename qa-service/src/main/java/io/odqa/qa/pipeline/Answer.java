package io.odqa.qa.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One answer with its provenance.
 *
 * @param text the answer text
 * @param score the answer's score; higher is better
 * @param source {@code passage} for text answers, {@code kg} for graph answers
 * @param passageId passage the answer came from (text answers)
 * @param docId document the passage belongs to (text answers)
 * @param title title of that document (text answers)
 * @param start offset of the answer in the document text, inclusive (text answers)
 * @param end offset of the answer in the document text, exclusive (text answers)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(String text, double score, String source, String passageId, String docId,
    String title, Integer start, Integer end) {}
