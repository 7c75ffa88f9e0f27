/**
 * Plain Java shared by every ODQA service: the domain records that cross module boundaries,
 * text utilities such as the passage chunker, and the Lucene schema of the passage index.
 * Nothing here knows about Quarkus, Kafka or Neo4j.
 */
package io.odqa.core;
