package io.odqa.ingest.api;

import io.odqa.ingest.job.JobStatus;
import io.odqa.ingest.source.ItemError;
import java.util.List;

/**
 * The answer to an accepted submission.
 *
 * @param jobId id to follow at {@code GET /api/v1/jobs/{jobId}}
 * @param collection target collection
 * @param status the job's status (queued)
 * @param accepted documents accepted into the job
 * @param rejected items rejected, each listed in {@code errors}
 * @param errors why each rejected item was rejected
 */
public record SubmitResponse(String jobId, String collection, JobStatus status, int accepted,
    int rejected, List<ItemError> errors) {}
