/**
 * The feedback service's client of qa-service: the champions in force, and evaluation sessions
 * that score candidate configs and models on a fixed question set from cached retrieval results
 * and reader logits.
 */
package io.odqa.feedback.qa;
