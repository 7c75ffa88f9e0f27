package io.odqa.ingest.extract;

import io.odqa.core.model.Checks;

/**
 * An argument of a triple: a span of the document text. {@code text} always equals
 * {@code document.text().substring(start, end)}.
 *
 * @param text the mention text, never blank
 * @param start offset of the first character in the document text (inclusive)
 * @param end offset after the last character (exclusive)
 */
public record Mention(String text, int start, int end) {

  public Mention {
    Checks.requireText("text", text);
    Checks.requireRange("start", start, 0, Integer.MAX_VALUE);
    Checks.requireRange("end", end, start + 1, Integer.MAX_VALUE);
    if (text.length() != end - start) {
      throw new IllegalArgumentException(
          "text.length must equal end - start = " + (end - start) + ", got " + text.length());
    }
  }
}
