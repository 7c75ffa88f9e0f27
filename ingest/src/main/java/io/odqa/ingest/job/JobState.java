package io.odqa.ingest.job;

import io.odqa.ingest.source.ItemError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of a job, as stored in {@code job.json} and returned by the API.
 *
 * @param id job id
 * @param kind what the job ingests
 * @param collection target collection
 * @param status life-cycle state
 * @param total items (documents or triples) accepted into the job
 * @param processed items written so far (committed to Lucene and Neo4j): documents are
 *     searchable once they are processed
 * @param extracted items whose triple extraction is finished (written to Neo4j); it follows
 *     {@code processed} in a stage of its own, and equals it for jobs without extraction
 * @param counters named counts: accepted, skipped_unchanged, empty, malformed, oversized,
 *     documents, passages, triples, entities
 * @param errors the rejected items (at most {@link #MAX_ERRORS} are kept)
 * @param error why the job failed, or null
 * @param createdAt when the job was accepted
 * @param updatedAt when the job last changed
 */
public record JobState(String id, JobKind kind, String collection, JobStatus status, long total,
    long processed, long extracted, Map<String, Long> counters, List<ItemError> errors, String error,
    Instant createdAt, Instant updatedAt) {
  /** Rejected items listed in a job; the counters still count all of them. */
  public static final int MAX_ERRORS = 100;

  public JobState {
    if (status == JobStatus.DONE) {
      // A job is done only when both stages are; job.json files written before the extraction
      // stage existed have no "extracted" and load it as 0.
      extracted = processed;
    }
    counters = new TreeMap<>(counters);
    errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
  }

  /** Fraction of the work done, in [0, 1]: writing and extraction count half each. */
  public double progress() {
    return total == 0 ? 1.0 : (processed + extracted) / (2.0 * total);
  }

  JobState withStatus(JobStatus next, String why) {
    return new JobState(id, kind, collection, next, total, processed, extracted, counters, errors,
        why, createdAt, Instant.now());
  }

  /** After {@code items} more were written; {@code extractedToo} for jobs without extraction. */
  JobState withWritten(long items, boolean extractedToo, Map<String, Long> deltas) {
    return new JobState(id, kind, collection, status, total, processed + items,
        extractedToo ? extracted + items : extracted, add(deltas), errors, error, createdAt,
        Instant.now());
  }

  /** After extraction finished for {@code items} more. */
  JobState withExtracted(long items, Map<String, Long> deltas) {
    return new JobState(id, kind, collection, status, total, processed, extracted + items,
        add(deltas), errors, error, createdAt, Instant.now());
  }

  private Map<String, Long> add(Map<String, Long> deltas) {
    Map<String, Long> next = new TreeMap<>(counters);
    deltas.forEach((name, delta) -> next.merge(name, delta, Long::sum));
    return next;
  }
}
