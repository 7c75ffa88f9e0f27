/** The per-collection Lucene index writers of the ingest service. */
package io.odqa.ingest.index;
