package io.odqa.qa.api;

import io.odqa.core.model.CollectionName;
import io.odqa.qa.retrieve.ScoredPassage;

/**
 * A passage as stored in a collection's index, for showing an answer's source.
 *
 * @param passageId the passage id
 * @param docId its document
 * @param title the document title
 * @param text the passage text
 * @param start offset of the passage in the document text
 * @param end offset just past it
 * @param collection the collection it is in
 */
public record SourcePassage(String passageId, String docId, String title, String text, int start,
    int end, String collection) {

  static SourcePassage of(ScoredPassage p, CollectionName collection) {
    return new SourcePassage(p.passage().id(), p.passage().docId(), p.title(), p.passage().text(),
        p.passage().start(), p.passage().end(), collection.value());
  }
}
