/** CDI wiring of the knowledge-graph library: one Neo4j driver for the whole service. */
package io.odqa.qa.graph;
