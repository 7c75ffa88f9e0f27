package io.odqa.reader.read;

/**
 * An answer span in one passage.
 *
 * @param passage index of the passage in the request
 * @param start offset of the answer's first character in the passage text
 * @param end offset just past its last character
 * @param text {@code passageText.substring(start, end)}
 * @param probability P(start) x P(end), each a softmax over the window's passage tokens and
 *     {@code [CLS]}, so comparable across windows and passages
 * @param logit start plus end logit
 */
public record Span(int passage, int start, int end, String text, double probability,
    double logit) {}
