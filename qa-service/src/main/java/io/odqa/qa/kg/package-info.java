/**
 * Knowledge-graph answering: the {@link io.odqa.qa.kg.GraphAnswerer} stage turns a question into
 * answers from Neo4j with the relation path as provenance. When Neo4j cannot be reached the
 * stage throws {@link io.odqa.qa.kg.GraphUnavailableException} and the pipeline answers from text
 * alone, reporting {@code degraded: ["kg"]}.
 */
package io.odqa.qa.kg;
