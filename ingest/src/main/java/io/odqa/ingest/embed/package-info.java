/**
 * The embedding stage of ingest: the passage encoder (bge-small, loaded once and on first use)
 * and the batch step that gives the passages already in a collection's index their dense vectors,
 * so that the question service can search them by meaning as well as by BM25.
 */
package io.odqa.ingest.embed;
