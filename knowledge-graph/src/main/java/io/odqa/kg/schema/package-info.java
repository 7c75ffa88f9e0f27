/** Constraints and indexes of the graph, applied idempotently at service start. */
package io.odqa.kg.schema;
