/**
 * Explanations of one question end to end for the operator console: the answers of a real
 * {@code /ask} run beside what each stage of that same run produced (rankings with their BM25
 * and dense scores, the reader's spans, the graph stage's steps, how fusion scored each answer).
 */
package io.odqa.qa.explain;
