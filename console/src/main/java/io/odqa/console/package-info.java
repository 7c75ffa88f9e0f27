/**
 * The operator console: a web UI (static pages under {@code META-INF/resources}, charts and the
 * graph view from the echarts webjar) over thin API adapters that forward to qa-service, ingest
 * and feedback, and read the knowledge graph from Neo4j. Operators log in with a form; reads
 * need the {@code viewer} role and state changes the {@code operator} role.
 */
package io.odqa.console;
