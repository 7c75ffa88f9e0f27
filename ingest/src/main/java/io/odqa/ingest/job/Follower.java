package io.odqa.ingest.job;

import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Document;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.ToLongFunction;

/**
 * A stage that follows the writer over a documents job's spooled items, batch by batch and on
 * its own thread (extraction, embedding); {@link IngestJobs} drives it.
 *
 * @param stage its name in a failed job's error ("extraction failed: ...")
 * @param thread the single thread it runs on
 * @param done how many items of a job it has finished (its saved progress)
 * @param step the work of one batch
 * @param advance the job's state after it finished a batch
 */
record Follower(String stage, ExecutorService thread, ToLongFunction<JobState> done, Step step,
    Advance advance) {

  /** One batch of a follower. */
  @FunctionalInterface
  interface Step {
    /**
     * Processes {@code batch} of job {@code id}; returns the job's counter deltas, or empty when
     * it stopped before writing anything (the batch is done again when the job resumes).
     */
    Optional<Map<String, Long>> run(String id, CollectionName collection, List<Document> batch)
        throws IOException;
  }

  /** How a finished batch changes a job's state. */
  @FunctionalInterface
  interface Advance {
    /** {@code state} after the follower finished {@code items} more, adding {@code deltas}. */
    JobState apply(JobState state, long items, Map<String, Long> deltas);
  }
}
