package io.odqa.ingest.job;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a job ingests: documents (passages into Lucene and Neo4j) or structured triples. */
public enum JobKind {
  DOCUMENTS, TRIPLES;

  @JsonValue
  public String wire() {
    return name().toLowerCase();
  }
}
