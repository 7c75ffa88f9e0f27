package io.odqa.ingest.extract;

import io.odqa.core.model.Passage;
import java.util.List;

/** Pipeline seam: finds {@code (head, relation, tail)} triples in one passage. */
public interface TripleExtractor {

  /**
   * Returns the triples asserted by the passage's sentences, in text order. Mention and
   * sentence offsets are in the coordinates of the passage's document.
   */
  List<ExtractedTriple> extract(Passage passage);
}
