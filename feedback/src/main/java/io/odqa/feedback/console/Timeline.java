package io.odqa.feedback.console;

import java.util.List;

/**
 * Answer accuracy over time, as counted from stored feedback.
 *
 * @param collection the collection counted, or null for all
 * @param bucket {@code hour} or {@code day} (UTC)
 * @param bucketMillis a bucket's width
 * @param buckets the newest buckets that have events, oldest first
 */
public record Timeline(String collection, String bucket, long bucketMillis,
    List<Bucket> buckets) {

  /** Copies {@code buckets}. */
  public Timeline {
    buckets = List.copyOf(buckets);
  }

  /**
   * Verdict counts.
   *
   * @param correct events judged correct
   * @param incorrect events judged incorrect
   * @param other every other verdict ({@code partial})
   * @param accuracy {@code correct / (correct + incorrect)}, null when both are 0
   */
  public record Counts(long correct, long incorrect, long other, Double accuracy) {

    /** Counts with their accuracy. */
    public static Counts of(long correct, long incorrect, long other) {
      long judged = correct + incorrect;
      return new Counts(correct, incorrect, other, judged == 0 ? null : (double) correct / judged);
    }

    /** The sum of this and {@code o}. */
    Counts plus(Counts o) {
      return of(correct + o.correct, incorrect + o.incorrect, other + o.other);
    }
  }

  /**
   * The counts of one config and model pair within a bucket.
   *
   * @param configVersion the pipeline config that answered, or null when not reported
   * @param modelVersion the reader model that answered, or null when not reported
   * @param counts its verdicts
   */
  public record Versions(String configVersion, String modelVersion, Counts counts) {}

  /**
   * One time bucket.
   *
   * @param startMillis the bucket's start, epoch milliseconds (UTC)
   * @param counts all its verdicts
   * @param versions its verdicts per config and model, sorted by config then model
   */
  public record Bucket(long startMillis, Counts counts, List<Versions> versions) {

    /** Copies {@code versions}. */
    public Bucket {
      versions = List.copyOf(versions);
    }
  }
}
