/**
 * Persistence of studies behind the {@link io.odqa.tuner.store.StudyStore} interface: the study
 * definition (name, direction, search-space JSON, seed) and every trial, written on each ask and
 * tell so that a study survives its process. {@link io.odqa.tuner.store.Neo4jStudyStore} is the
 * platform's durable store; {@link io.odqa.tuner.store.InMemoryStudyStore} serves benchmarks and
 * unit tests.
 */
package io.odqa.tuner.store;
