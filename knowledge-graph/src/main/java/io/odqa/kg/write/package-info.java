/**
 * Batched, idempotent writes: one {@code UNWIND $rows} query per batch, {@code MERGE} on keys
 * backed by uniqueness constraints, so a retried or repeated batch changes nothing.
 */
package io.odqa.kg.write;
