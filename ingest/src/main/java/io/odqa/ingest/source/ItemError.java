package io.odqa.ingest.source;

/**
 * Why one item of a batch was rejected.
 *
 * @param item 1-based position in the request (line number for JSONL)
 * @param id the item's document id, when it had one
 * @param kind {@code malformed}, {@code empty} or {@code oversized}
 * @param message what is wrong, naming the field and the limit
 */
public record ItemError(int item, String id, String kind, String message) {}
