/**
 * The ingest service: documents arrive over REST, are spooled to disk as a job, split into
 * passages with exact offsets, indexed in the collection's Lucene index and mirrored as
 * {@code (:Document)-[:HAS_PASSAGE]->(:Passage)} in Neo4j.
 */
package io.odqa.ingest;
