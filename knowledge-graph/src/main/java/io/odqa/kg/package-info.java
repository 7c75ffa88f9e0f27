/**
 * The knowledge graph in Neo4j, reached only through the official Java driver: one
 * {@link io.odqa.kg.GraphClient} per application, the schema, and batched idempotent writes.
 * Services depend on this module; it depends only on {@code core}.
 */
package io.odqa.kg;
