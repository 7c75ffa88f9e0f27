/**
 * Replica mode: with {@code odqa.replication.source} set, this service keeps its own copy of each
 * collection's index under its own {@code odqa.data-dir}, pulled from the ingest service with
 * Lucene's replicator ({@code ReplicationClient}, {@code HttpReplicator}, {@code
 * IndexReplicationHandler}); after each copied revision the collection's searcher reopens, and
 * searches in flight finish on the searcher they hold. Without a source the service reads the
 * index that ingest writes on a shared disk, as before. See {@code
 * docs/architecture/index-replication.md}.
 */
package io.odqa.qa.retrieve.replica;
