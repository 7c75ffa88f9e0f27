/**
 * The durable feedback store in Neo4j. One {@code (:Feedback)} node per event id, backed by a
 * uniqueness constraint, so a redelivered or re-sent event is counted but never stored twice.
 */
package io.odqa.feedback.store;
