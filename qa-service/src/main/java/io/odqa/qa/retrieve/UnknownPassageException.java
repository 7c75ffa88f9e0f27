package io.odqa.qa.retrieve;

import io.odqa.core.model.CollectionName;

/** The collection holds no passage with the id asked for. */
public final class UnknownPassageException extends RuntimeException {
  public UnknownPassageException(CollectionName collection, String passageId) {
    super("passage '" + passageId + "' is not in collection " + collection);
  }
}
