package io.odqa.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /**
   * SHA-256 of title and text, hex-encoded. Ingesting a document whose hash is already stored
   * is a no-op.
   */
  public String contentHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(title.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
