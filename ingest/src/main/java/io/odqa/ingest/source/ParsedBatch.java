package io.odqa.ingest.source;

import io.odqa.core.model.Document;
import java.util.List;

/**
 * The documents of one request that passed validation, and the items that did not.
 *
 * @param documents valid documents, in request order
 * @param errors rejected items, in request order
 * @param single true when the request was one JSON object rather than a batch
 */
public record ParsedBatch(List<Document> documents, List<ItemError> errors, boolean single) {
  /** Number of rejected items of {@code kind}. */
  public long count(String kind) {
    return errors.stream().filter(e -> e.kind().equals(kind)).count();
  }
}
