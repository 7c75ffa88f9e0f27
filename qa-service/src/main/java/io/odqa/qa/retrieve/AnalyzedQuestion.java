package io.odqa.qa.retrieve;

import java.util.List;

/**
 * A question after analysis.
 *
 * @param text the question as asked
 * @param terms index terms of the question (stemmed, stop words removed), in order
 */
public record AnalyzedQuestion(String text, List<String> terms) {
  public AnalyzedQuestion {
    terms = List.copyOf(terms);
  }
}
