/**
 * Ingest jobs. A job's accepted documents are spooled to disk before the request returns, and
 * its state is saved after every committed batch, so a crash loses nothing: on restart,
 * unfinished jobs resume from their last committed batch. Lucene's update-by-document-id and
 * Neo4j's {@code MERGE} make a replayed batch a no-op.
 */
package io.odqa.ingest.job;
