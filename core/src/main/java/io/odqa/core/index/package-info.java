/**
 * The Lucene schema of a collection's passage index, shared by the writer (ingest) and the
 * searcher (qa-service) so that both analyse text the same way, and the dense vectors that
 * ingest's embedding stage adds to passages already written.
 */
package io.odqa.core.index;
