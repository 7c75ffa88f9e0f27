package io.odqa.qa.retrieve;

import io.odqa.core.index.PassageFields;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Turns a question into index terms with the same analyzer that built the index. */
@ApplicationScoped
public class QuestionAnalyzer {
  /** More terms than this add nothing to ranking and would exceed Lucene's clause limit. */
  static final int MAX_TERMS = 256;

  private final Analyzer analyzer = PassageFields.analyzer();

  /** Analyses {@code question}. */
  public AnalyzedQuestion analyze(String question) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(PassageFields.TEXT, question)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken() && terms.size() < MAX_TERMS) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a string cannot fail, but did", e);
    }
    return new AnalyzedQuestion(question, terms);
  }

  @PreDestroy
  void close() {
    analyzer.close();
  }
}
