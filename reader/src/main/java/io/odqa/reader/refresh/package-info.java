/**
 * The reader refresh of the feedback loop: the current champion reader is fine-tuned on
 * question-answer examples derived from user feedback ({@link io.odqa.reader.refresh.QaExample}),
 * mixed with a seeded replay sample of its original training split ({@link
 * io.odqa.reader.refresh.ReplaySample}) so that it does not forget, and the result becomes a new,
 * atomically written model version in a registry directory with its provenance ({@link
 * io.odqa.reader.refresh.ModelMetadata}). On a CPU only the top encoder layers and the span head
 * are trained ("layered parameter decoupling"), which brings a refresh down to minutes; {@link
 * io.odqa.reader.refresh.ReaderRefresh} is the job's core and needs no application server.
 */
package io.odqa.reader.refresh;
