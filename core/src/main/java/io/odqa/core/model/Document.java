package io.odqa.core.model;

/**
 * A source document as an operator submits it. {@code id} is stable and chosen by the
 * operator; {@code text} is the cleaned text that passage offsets point into.
 *
 * @param id stable document id, unique within its collection
 * @param title optional title, empty when absent
 * @param text the document text, never blank
 */
public record Document(String id, String title, String text) {
  /** Longest accepted document id, in characters. */
  public static final int MAX_ID_LENGTH = 512;

  public Document {
    Checks.requireText("id", id);
    Checks.requireRange("id.length", id.length(), 1, MAX_ID_LENGTH);
    Checks.requireText("text", text);
    title = title == null ? "" : title;
  }
}
