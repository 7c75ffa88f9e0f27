/**
 * Index replication, the publishing side: every commit of a collection's index is published as
 * a Lucene {@code IndexRevision} on that collection's {@code LocalReplicator}, and {@code
 * /api/v1/replication/{collection}/...} serves it with the protocol of Lucene's {@code
 * ReplicationService}, so that qa-service replicas (Lucene's {@code HttpReplicator}) copy each
 * new commit's files to their own disks. See {@code docs/architecture/index-replication.md}.
 */
package io.odqa.ingest.replication;
