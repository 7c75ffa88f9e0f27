/** CDI wiring of the knowledge-graph library's writers on the service's one Neo4j driver. */
package io.odqa.ingest.graph;
