package io.odqa.core.index;

import java.util.List;
import java.util.Objects;

/**
 * The dense vectors computed for a document's passages as the index held them.
 *
 * @param embedded the snapshot of the document whose passages were embedded
 * @param vectors one unit vector per passage of {@code embedded}, in the same order
 * @param model the encoder that produced the vectors (its version string)
 */
public record DocumentVectors(IndexedDocument embedded, List<float[]> vectors, String model) {

  public DocumentVectors {
    Objects.requireNonNull(embedded, "embedded");
    vectors = List.copyOf(vectors);
    if (vectors.size() != embedded.passages().size()) {
      throw new IllegalArgumentException("document " + embedded.docId() + " has "
          + embedded.passages().size() + " passages but " + vectors.size() + " vectors");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must name the encoder, got '" + model + "'");
    }
  }
}
