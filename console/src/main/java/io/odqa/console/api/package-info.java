/**
 * The console's REST adapters under {@code /api}: each method checks the caller's role and
 * forwards to the service that owns the data (or, for the graph view, reads Neo4j), so the UI
 * talks to one origin with one login.
 */
package io.odqa.console.api;
