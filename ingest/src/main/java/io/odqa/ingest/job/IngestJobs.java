package io.odqa.ingest.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Document;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.source.ParsedBatch;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Accepts, runs and reports ingest jobs. One worker thread runs jobs in arrival order, which
 * keeps each collection's index writer single-threaded and makes job order predictable.
 */
@ApplicationScoped
public class IngestJobs {
  private static final Logger LOG = Logger.getLogger(IngestJobs.class);

  private final JobStore store;
  private final BatchWriter writer;
  private final int batchSize;
  private final Map<String, JobState> jobs = new ConcurrentHashMap<>();
  /** Set on shutdown: the worker stops between batches and the job resumes on restart. */
  private volatile boolean stopping;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ingest-worker");
    t.setDaemon(true);
    return t;
  });

  IngestJobs(IngestConfig config, ObjectMapper mapper, BatchWriter writer) {
    this.store = new JobStore(config.dataDir().resolve("jobs"), mapper);
    this.writer = writer;
    this.batchSize = config.ingest().batchSize();
  }

  /** Resumes every job that a previous process left queued or running. */
  void onStart(@Observes StartupEvent event) throws IOException {
    List<JobState> saved = new ArrayList<>(store.loadAll());
    saved.sort(Comparator.comparing(JobState::createdAt).thenComparing(JobState::id));
    for (JobState job : saved) {
      jobs.put(job.id(), job);
      if (job.status().unfinished()) {
        LOG.infof("resuming job %s at %d/%d documents", job.id(), job.processed(), job.total());
        worker.submit(() -> run(job.id()));
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    stopping = true;
    worker.shutdown();
    worker.awaitTermination(60, TimeUnit.SECONDS);
  }

  /** Spools the valid documents of {@code batch} as a new job and queues it. */
  public JobState submit(CollectionName collection, ParsedBatch batch) {
    Instant now = Instant.now();
    Map<String, Long> counters = Map.of(
        "accepted", (long) batch.documents().size(),
        "empty", batch.count("empty"),
        "malformed", batch.count("malformed"),
        "oversized", batch.count("oversized"),
        "documents", 0L,
        "passages", 0L);
    JobState job = new JobState(UUID.randomUUID().toString(), collection.value(),
        JobStatus.QUEUED, batch.documents().size(), 0, counters, batch.errors(), null, now, now);
    try {
      store.create(job, batch.documents());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool job " + job.id(), e);
    }
    jobs.put(job.id(), job);
    worker.submit(() -> run(job.id()));
    return job;
  }

  /** Queues a failed job again; it resumes after its last committed batch. */
  public Optional<JobState> retry(String id) {
    JobState job = jobs.get(id);
    if (job == null || job.status() != JobStatus.FAILED) {
      return Optional.ofNullable(job);
    }
    JobState queued = update(job.withStatus(JobStatus.QUEUED, null));
    worker.submit(() -> run(id));
    return Optional.of(queued);
  }

  /** The job with {@code id}, if this service has it. */
  public Optional<JobState> get(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** Every job, newest first. */
  public List<JobState> list() {
    return jobs.values().stream()
        .sorted(Comparator.comparing(JobState::createdAt).reversed().thenComparing(JobState::id))
        .toList();
  }

  private void run(String id) {
    if (stopping) {
      return;
    }
    JobState job = update(jobs.get(id).withStatus(JobStatus.RUNNING, null));
    CollectionName collection = new CollectionName(job.collection());
    try (BufferedReader lines = store.documents(id)) {
      long skip = job.processed();
      List<Document> batch = new ArrayList<>(batchSize);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (skip-- > 0) {
          continue;
        }
        batch.add(store.document(line));
        if (batch.size() == batchSize) {
          job = writeBatch(job, collection, batch);
          if (stopping) {
            LOG.infof("job %s paused at %d/%d for shutdown", id, job.processed(), job.total());
            return;
          }
        }
      }
      job = writeBatch(job, collection, batch);
      update(job.withStatus(JobStatus.DONE, null));
    } catch (IOException | RuntimeException e) {
      // Infrastructure failure (disk, Neo4j): the job stops at its last committed batch and
      // can be retried; nothing accepted is lost because the spool stays on disk.
      LOG.errorf(e, "job %s failed at %d/%d documents", id, job.processed(), job.total());
      update(jobs.get(id).withStatus(JobStatus.FAILED, String.valueOf(e.getMessage())));
    }
  }

  private JobState writeBatch(JobState job, CollectionName collection, List<Document> batch)
      throws IOException {
    if (batch.isEmpty()) {
      return job;
    }
    long passages = writer.write(collection, batch);
    JobState next = update(job.withBatch(batch.size(), passages));
    batch.clear();
    return next;
  }

  private JobState update(JobState state) {
    try {
      store.save(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save job " + state.id(), e);
    }
    jobs.put(state.id(), state);
    return state;
  }
}
