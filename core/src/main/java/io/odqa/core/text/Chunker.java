package io.odqa.core.text;

import io.odqa.core.model.Document;
import io.odqa.core.model.Passage;
import java.util.List;

/** Splits a document into passages. Every passage's offsets slice back to its text. */
@FunctionalInterface
public interface Chunker {
  /** Returns the passages of {@code document} in text order; empty when it has no content. */
  List<Passage> chunk(Document document);
}
