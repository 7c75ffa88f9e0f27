/**
 * The knowledge-graph view's reads: entity search and an entity's neighbourhood with relation
 * types and the passages each relation was extracted from. Read-only, parameterised Cypher.
 */
package io.odqa.console.graph;
