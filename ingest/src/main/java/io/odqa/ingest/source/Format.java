package io.odqa.ingest.source;

import java.util.Locale;

/**
 * How a request body (or a file) encodes documents. SQuAD-open and BEIR corpora are JSONL
 * variants ({@code id} or {@code _id}), so they parse as {@link #JSONL}.
 */
public enum Format {
  /** One JSON document or an array of them. */
  JSON,
  /** One JSON document per line: {@code {"id" | "_id", "title"?, "text"}}. */
  JSONL,
  /** One plain-text document. */
  TEXT,
  /** One Markdown document, reduced to its text. */
  MARKDOWN,
  /** One HTML document, reduced to its visible text. */
  HTML;

  /**
   * The format named {@code name} (case-insensitive; {@code squad}, {@code beir} and
   * {@code ndjson} mean JSONL, {@code md} Markdown, {@code txt} text), or, for {@code auto} or
   * no name, the one implied by {@code contentType}.
   *
   * @throws BadRequestException naming the legal values when neither gives a format
   */
  public static Format of(String name, String contentType) {
    String n = name == null ? "auto" : name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "json" -> JSON;
      case "jsonl", "ndjson", "squad", "beir" -> JSONL;
      case "text", "txt" -> TEXT;
      case "markdown", "md" -> MARKDOWN;
      case "html" -> HTML;
      case "auto" -> fromContentType(contentType);
      default -> throw new BadRequestException(400, "format must be one of auto, json, jsonl, "
          + "squad, beir, text, markdown, html; got \"" + name + "\"", java.util.List.of());
    };
  }

  private static Format fromContentType(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json")) {
      return JSON;
    } else if (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl")) {
      return JSONL;
    } else if (type.startsWith("text/markdown")) {
      return MARKDOWN;
    } else if (type.startsWith("text/html")) {
      return HTML;
    } else if (type.startsWith("text/plain")) {
      return TEXT;
    }
    throw new BadRequestException(415, "cannot tell the format from Content-Type \"" + contentType
        + "\"; send application/json, application/x-ndjson, text/plain, text/markdown or "
        + "text/html, or name it with ?format=", java.util.List.of());
  }
}
