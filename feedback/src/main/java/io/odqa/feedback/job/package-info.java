/**
 * Jobs of the loop (retune, refresh): persisted in Neo4j with their progress, at most one active
 * per kind, and resumed after a restart of the service.
 */
package io.odqa.feedback.job;
