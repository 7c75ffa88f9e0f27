/**
 * The feedback topic: the REST endpoint publishes to it and a consumer in this service stores
 * what arrives. Offsets are committed only after the store, so delivery is at least once, and
 * the idempotent store makes that effectively once.
 */
package io.odqa.feedback.stream;
