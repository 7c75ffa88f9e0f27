/**
 * Turning request bodies into documents. Each item is validated on its own, so one bad item is
 * reported and counted while the rest of the batch goes on.
 */
package io.odqa.ingest.source;
