package io.odqa.reader.refresh;

/**
 * One extractive question-answer example: a question, the passage that answers it and the answer
 * as a span of that passage. Construction fails, naming the example, unless {@code answer} is
 * exactly {@code context.substring(answerStart, answerStart + answer.length())}, so a training
 * label can never point at the wrong tokens.
 *
 * @param id stable identifier (a feedback event or a SQuAD question id)
 * @param question the question text
 * @param context the passage the answer is taken from
 * @param answer the answer text, non-blank
 * @param answerStart character offset (UTF-16 units) of {@code answer} in {@code context}
 */
public record QaExample(String id, String question, String context, String answer,
    int answerStart) {
  public QaExample {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("example id must be non-blank, got "
          + (id == null ? "null" : "'" + id + "'"));
    }
    nonBlank(id, "question", question);
    nonBlank(id, "context", context);
    nonBlank(id, "answer", answer);
    int last = context.length() - answer.length();
    if (answerStart < 0 || answerStart > last) {
      throw new IllegalArgumentException("example " + id + ": answerStart must be in [0, " + last
          + "] for a " + answer.length() + "-character answer in a " + context.length()
          + "-character context, got " + answerStart);
    }
    if (!context.startsWith(answer, answerStart)) {
      throw new IllegalArgumentException("example " + id + ": answer '" + answer
          + "' is not at answerStart " + answerStart + " of its context, which holds '"
          + context.substring(answerStart, answerStart + answer.length()) + "' there");
    }
  }

  private static void nonBlank(String id, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("example " + id + ": " + field + " must be non-blank, got "
          + (value == null ? "null" : "'" + value + "'"));
    }
  }
}
