/** The ingest REST API: thin resources over {@link io.odqa.ingest.job.IngestJobs}. */
package io.odqa.ingest.api;
