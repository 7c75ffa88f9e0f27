package io.odqa.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odqa.core.model.Document;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a request body of documents {@code {"id", "title"?, "text"}}: one JSON object, a JSON
 * array of them, JSONL (one object per line, {@code _id} accepted for BEIR), or one text,
 * Markdown or HTML document. Bytes must be valid UTF-8. Whole-request problems (an empty body,
 * malformed JSON, too many documents) throw {@link BadRequestException}; per-item problems
 * become {@link ItemError}s and the other items go on.
 */
public final class DocumentParser {
  private final ObjectMapper mapper;
  private final int maxDocumentChars;
  private final int maxDocuments;

  public DocumentParser(ObjectMapper mapper, int maxDocumentChars, int maxDocuments) {
    this.mapper = mapper;
    this.maxDocumentChars = maxDocumentChars;
    this.maxDocuments = maxDocuments;
  }

  /**
   * Parses {@code body} in {@code format}. For the single-document formats (text, Markdown,
   * HTML) the id comes from {@code id}, and the title from {@code title} or the markup.
   */
  public ParsedBatch parse(byte[] body, Format format, String id, String title) {
    if (body == null || new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
      throw new BadRequestException(400, "request body is empty: send a JSON document "
          + "{\"id\", \"title\", \"text\"}, a JSON array of them, JSONL, or one text document",
          List.of());
    }
    return switch (format) {
      case JSON -> parseJson(decodeAll(body));
      case JSONL -> parseLines(body);
      case TEXT, MARKDOWN, HTML -> parseSingle(format, id, title, decodeAll(body));
    };
  }

  private static String decodeAll(byte[] body) {
    Utf8.Decoded decoded = Utf8.decode(body, 0, body.length);
    if (decoded.problem() != null) {
      throw new BadRequestException(400, "request body: " + decoded.problem(), List.of());
    }
    return decoded.text();
  }

  private ParsedBatch parseSingle(Format format, String id, String title, String raw) {
    if (id == null || id.isBlank()) {
      throw new BadRequestException(400, "a " + format.name().toLowerCase()
          + " document needs its id in the query: ?id=", List.of());
    }
    MarkupCleaner.Cleaned cleaned = switch (format) {
      case MARKDOWN -> MarkupCleaner.markdown(raw);
      case HTML -> MarkupCleaner.html(raw);
      default -> new MarkupCleaner.Cleaned("", raw);
    };
    ObjectNode node = mapper.createObjectNode().put("id", id).put("text", cleaned.text())
        .put("title", title != null && !title.isBlank() ? title : cleaned.title());
    Collector collector = new Collector();
    collector.add(1, node);
    return collector.finish(true);
  }

  private ParsedBatch parseJson(String body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException(400, "malformed JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr(), List.of());
    }
    if (root.isObject()) {
      Collector collector = new Collector();
      collector.add(1, root);
      return collector.finish(true);
    }
    if (!root.isArray()) {
      throw new BadRequestException(400, "expected a JSON object or array of documents, got "
          + root.getNodeType().name().toLowerCase(), List.of());
    }
    checkCount(root.size());
    Collector collector = new Collector();
    for (int i = 0; i < root.size(); i++) {
      collector.add(i + 1, root.get(i));
    }
    return collector.finish(false);
  }

  private ParsedBatch parseLines(byte[] body) {
    Collector collector = new Collector();
    int items = 0;
    for (Utf8.Line line : Utf8.lines(body)) {
      Utf8.Decoded decoded = line.decoded();
      if (decoded.text() != null && decoded.text().isBlank()) {
        continue;
      }
      checkCount(++items);
      if (decoded.problem() != null) {
        collector.reject(line.number(), null, "malformed", decoded.problem());
        continue;
      }
      try {
        collector.add(line.number(), mapper.readTree(decoded.text()));
      } catch (JsonProcessingException e) {
        collector.reject(line.number(), null, "malformed", "malformed JSON: " + e.getOriginalMessage());
      }
    }
    return collector.finish(false);
  }

  private void checkCount(int count) {
    if (count > maxDocuments) {
      throw new BadRequestException(413, "a request may carry at most " + maxDocuments
          + " documents (odqa.ingest.max-documents-per-request); split the batch", List.of());
    }
  }

  /** Accumulates one request's valid documents and item errors. */
  private final class Collector {
    private final List<Document> documents = new ArrayList<>();
    private final List<ItemError> errors = new ArrayList<>();

    void add(int item, JsonNode node) {
      if (!node.isObject()) {
        reject(item, null, "malformed", "expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        return;
      }
      // BEIR corpora name the id "_id".
      JsonNode id = node.has("id") ? node.get("id") : node.get("_id");
      String idText = id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
      if (idText == null || idText.isBlank() || idText.length() > Document.MAX_ID_LENGTH) {
        reject(item, null, "malformed", "id must be a non-blank string of at most "
            + Document.MAX_ID_LENGTH + " characters");
        return;
      }
      JsonNode text = node.get("text");
      JsonNode title = node.get("title");
      if (text == null || text.isNull() || !text.isTextual()) {
        reject(item, idText, "malformed", "text is missing or not a string");
      } else if (title != null && !title.isNull() && !title.isTextual()) {
        reject(item, idText, "malformed", "title must be a string");
      } else if (text.asText().isBlank()) {
        reject(item, idText, "empty", "text is blank");
      } else if (text.asText().length() > maxDocumentChars) {
        reject(item, idText, "oversized", "text has " + text.asText().length()
            + " characters, more than odqa.ingest.max-document-chars = " + maxDocumentChars);
      } else {
        documents.add(new Document(idText, title == null ? "" : title.asText(""), text.asText()));
      }
    }

    void reject(int item, String id, String kind, String message) {
      errors.add(new ItemError(item, id, kind, message));
    }

    ParsedBatch finish(boolean single) {
      if (documents.isEmpty()) {
        String message = single
            ? errors.get(0).message()
            : "no valid document in the request (" + errors.size() + " rejected)";
        throw new BadRequestException(400, message, errors);
      }
      return new ParsedBatch(List.copyOf(documents), List.copyOf(errors), single);
    }
  }
}
