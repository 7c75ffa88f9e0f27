package io.odqa.ingest.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Document;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.source.ItemError;
import io.odqa.ingest.source.ParsedBatch;
import io.odqa.ingest.source.ParsedTriples;
import io.odqa.kg.write.Fact;
import io.odqa.kg.write.FactGraphWriter;
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
import java.util.TreeMap;
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
  private final FactGraphWriter factWriter;
  private final int batchSize;
  private final int tripleBatchSize;
  private final Map<String, JobState> jobs = new ConcurrentHashMap<>();
  /** Set on shutdown: the worker stops between batches and the job resumes on restart. */
  private volatile boolean stopping;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ingest-worker");
    t.setDaemon(true);
    return t;
  });

  IngestJobs(IngestConfig config, ObjectMapper mapper, BatchWriter writer,
      FactGraphWriter factWriter) {
    this.store = new JobStore(config.dataDir().resolve("jobs"), mapper);
    this.writer = writer;
    this.factWriter = factWriter;
    this.batchSize = config.ingest().batchSize();
    this.tripleBatchSize = config.ingest().tripleBatchSize();
  }

  /** Resumes every job that a previous process left queued or running. */
  void onStart(@Observes StartupEvent event) throws IOException {
    List<JobState> saved = new ArrayList<>(store.loadAll());
    saved.sort(Comparator.comparing(JobState::createdAt).thenComparing(JobState::id));
    for (JobState job : saved) {
      jobs.put(job.id(), job);
      if (job.status().unfinished()) {
        LOG.infof("resuming job %s at %d/%d items", job.id(), job.processed(), job.total());
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
    return submit(JobKind.DOCUMENTS, collection, batch.documents(), batch.errors(), Map.of(
        "empty", batch.count("empty"), "oversized", batch.count("oversized")));
  }

  /** Spools the valid triples of {@code triples} as a new job and queues it. */
  public JobState submit(CollectionName collection, ParsedTriples triples) {
    return submit(JobKind.TRIPLES, collection, triples.facts(), triples.errors(), Map.of());
  }

  private JobState submit(JobKind kind, CollectionName collection, List<?> items,
      List<ItemError> errors, Map<String, Long> extra) {
    Instant now = Instant.now();
    Map<String, Long> counters = new TreeMap<>(extra);
    counters.put("accepted", (long) items.size());
    counters.put("malformed", errors.stream().filter(e -> e.kind().equals("malformed")).count());
    JobState job = new JobState(UUID.randomUUID().toString(), kind, collection.value(),
        JobStatus.QUEUED, items.size(), 0, counters, errors, null, now, now);
    try {
      store.create(job, items);
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
    int size = job.kind() == JobKind.TRIPLES ? tripleBatchSize : batchSize;
    try (BufferedReader lines = store.items(id)) {
      long skip = job.processed();
      List<String> batch = new ArrayList<>(size);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (skip-- > 0) {
          continue;
        }
        batch.add(line);
        if (batch.size() == size) {
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
      LOG.errorf(e, "job %s failed at %d/%d items", id, job.processed(), job.total());
      update(jobs.get(id).withStatus(JobStatus.FAILED, String.valueOf(e.getMessage())));
    }
  }

  private JobState writeBatch(JobState job, CollectionName collection, List<String> batch)
      throws IOException {
    if (batch.isEmpty()) {
      return job;
    }
    Map<String, Long> deltas;
    if (job.kind() == JobKind.TRIPLES) {
      List<Fact> facts = new ArrayList<>(batch.size());
      for (String line : batch) {
        facts.add(store.item(line, Fact.class));
      }
      FactGraphWriter.Written written = factWriter.write(collection.value(), "kb", facts);
      deltas = Map.of("triples", written.relations(), "entities", written.entities());
    } else {
      List<Document> documents = new ArrayList<>(batch.size());
      for (String line : batch) {
        documents.add(store.item(line, Document.class));
      }
      deltas = writer.write(collection, documents);
    }
    JobState next = update(job.withBatch(batch.size(), deltas));
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
