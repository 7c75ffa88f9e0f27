package io.odqa.core.model;

/**
 * A span of a document's text, the unit of retrieval. {@code text} always equals
 * {@code document.text().substring(start, end)}.
 *
 * @param id passage id, {@code docId + "::p" + ordinal}
 * @param docId id of the document this passage came from
 * @param ordinal 0-based position of the passage in its document
 * @param start offset of the first character in the document text (inclusive)
 * @param end offset after the last character (exclusive)
 * @param text the passage text
 */
public record Passage(String id, String docId, int ordinal, int start, int end, String text) {

  public Passage {
    Checks.requireText("id", id);
    Checks.requireText("docId", docId);
    Checks.requireRange("ordinal", ordinal, 0, Integer.MAX_VALUE);
    Checks.requireRange("start", start, 0, Integer.MAX_VALUE);
    Checks.requireRange("end", end, start + 1, Integer.MAX_VALUE);
    if (text == null || text.length() != end - start) {
      throw new IllegalArgumentException(
          "text.length must equal end - start = " + (end - start) + ", got "
              + (text == null ? "null" : text.length()));
    }
  }

  /** The passage id for the {@code ordinal}-th passage of document {@code docId}. */
  public static String idOf(String docId, int ordinal) {
    return docId + "::p" + ordinal;
  }
}
