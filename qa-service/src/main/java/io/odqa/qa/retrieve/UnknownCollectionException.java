package io.odqa.qa.retrieve;

import io.odqa.core.model.CollectionName;

/** The collection has no passage index: nothing was ever ingested into it. */
public final class UnknownCollectionException extends RuntimeException {
  public UnknownCollectionException(CollectionName collection) {
    super("collection " + collection + " has no index; ingest documents into it first");
  }
}
