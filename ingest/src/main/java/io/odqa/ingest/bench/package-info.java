/**
 * Benchmarks of the ingest path, run by {@code ./odqa bench ingest}: they print numbers and
 * JSON, and are not tests.
 */
package io.odqa.ingest.bench;
