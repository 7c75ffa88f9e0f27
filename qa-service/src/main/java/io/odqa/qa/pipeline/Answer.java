package io.odqa.qa.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One answer with its provenance. Text fields are set when the reader found the answer, graph
 * fields when the knowledge graph did; both when fusion merged the two.
 *
 * @param text the answer text
 * @param score the fused score; higher is better
 * @param source {@code text}, {@code kg} or {@code text+kg}; {@code passage} when no reader is
 *     loaded and the answer is a whole passage
 * @param passageId passage the answer was read from
 * @param docId document of that passage
 * @param title title of that document
 * @param start offset of the answer in the document text, inclusive
 * @param end offset of the answer in the document text, exclusive
 * @param readerScore the reader's probability for the span
 * @param passageScore the passage's BM25 score
 * @param kgScore the graph answer's confidence
 * @param path relation path of the graph answer, topic entity first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(String text, double score, String source, String passageId, String docId,
    String title, Integer start, Integer end, Double readerScore, Double passageScore,
    Double kgScore, List<String> path) {}
