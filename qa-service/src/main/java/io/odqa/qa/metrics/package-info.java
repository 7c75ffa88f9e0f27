/**
 * Process-level meters that the JVM's own do not cover: resident memory, where the reader's
 * native tensors show up.
 */
package io.odqa.qa.metrics;
