package io.odqa.qa.retrieve;

import io.odqa.core.model.CollectionName;

/** The collection holds no passage of the document asked for. */
public final class UnknownDocumentException extends RuntimeException {
  public UnknownDocumentException(CollectionName collection, String docId) {
    super("document '" + docId + "' is not in collection " + collection);
  }
}
