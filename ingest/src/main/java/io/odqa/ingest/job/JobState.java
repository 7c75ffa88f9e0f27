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
 * @param embedded items whose passages have been through the embedding stage (dense vectors
 *     committed in Lucene); it follows {@code processed} in a stage of its own, and equals it for
 *     jobs without embedding
 * @param counters named counts: accepted, skipped_unchanged, empty, malformed, oversized,
 *     documents, passages, triples, entities, and embedded (passages of the job's documents that
 *     carry vectors of the current encoder after the embedding stage passed them, whether it
 *     computed them or found them there: an unchanged document keeps its vectors)
 * @param errors the rejected items (at most {@link #MAX_ERRORS} are kept)
 * @param error why the job failed, or null
 * @param createdAt when the job was accepted
 * @param updatedAt when the job last changed
 */
public record JobState(String id, JobKind kind, String collection, JobStatus status, long total,
    long processed, long extracted, long embedded, Map<String, Long> counters,
    List<ItemError> errors, String error, Instant createdAt, Instant updatedAt) {
  /** Rejected items listed in a job; the counters still count all of them. */
  public static final int MAX_ERRORS = 100;

  public JobState {
    if (status == JobStatus.DONE) {
      // A job is done only when every stage is; job.json files written before the extraction
      // or the embedding stage existed have no "extracted" or "embedded" and load it as 0.
      extracted = processed;
      embedded = processed;
    }
    counters = new TreeMap<>(counters);
    errors = List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
  }

  /** Fraction of the work done, in [0, 1]: writing, extraction and embedding count a third each. */
  public double progress() {
    return total == 0 ? 1.0 : (processed + extracted + embedded) / (3.0 * total);
  }

  /** Whether every stage has passed every item. */
  boolean complete() {
    return processed == total && extracted == total && embedded == total;
  }

  JobState withStatus(JobStatus next, String why) {
    return new JobState(id, kind, collection, next, total, processed, extracted, embedded,
        counters, errors, why, createdAt, Instant.now());
  }

  /**
   * After {@code items} more were written; {@code extractedToo} and {@code embeddedToo} for jobs
   * that skip those stages.
   */
  JobState withWritten(long items, boolean extractedToo, boolean embeddedToo,
      Map<String, Long> deltas) {
    return new JobState(id, kind, collection, status, total, processed + items,
        extractedToo ? extracted + items : extracted, embeddedToo ? embedded + items : embedded,
        add(deltas), errors, error, createdAt, Instant.now());
  }

  /**
   * With the progress of the stages that are off ({@code extraction} or {@code embedding} false)
   * brought up to {@code processed}: a job resumed after the stage was switched off would
   * otherwise wait for it forever.
   */
  JobState withStagesOff(boolean extraction, boolean embedding) {
    return new JobState(id, kind, collection, status, total, processed,
        extraction ? extracted : Math.max(extracted, processed),
        embedding ? embedded : Math.max(embedded, processed), counters, errors, error, createdAt,
        Instant.now());
  }

  /** After extraction finished for {@code items} more. */
  JobState withExtracted(long items, Map<String, Long> deltas) {
    return new JobState(id, kind, collection, status, total, processed, extracted + items,
        embedded, add(deltas), errors, error, createdAt, Instant.now());
  }

  /** After embedding finished for {@code items} more. */
  JobState withEmbedded(long items, Map<String, Long> deltas) {
    return new JobState(id, kind, collection, status, total, processed, extracted,
        embedded + items, add(deltas), errors, error, createdAt, Instant.now());
  }

  private Map<String, Long> add(Map<String, Long> deltas) {
    Map<String, Long> next = new TreeMap<>(counters);
    deltas.forEach((name, delta) -> next.merge(name, delta, Long::sum));
    return next;
  }
}
