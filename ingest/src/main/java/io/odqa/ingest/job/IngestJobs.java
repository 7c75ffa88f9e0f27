package io.odqa.ingest.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Document;
import io.odqa.ingest.IngestConfig;
import io.odqa.ingest.embed.BatchEmbedder;
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
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Accepts, runs and reports ingest jobs. A job runs in three stages, each on its own thread, so
 * that jobs run in arrival order and each collection's index writer stays single-threaded:
 *
 * <ul>
 *   <li>the writer ({@code ingest-worker}) indexes documents in Lucene and stores them in Neo4j,
 *       or imports triples, batch after batch; a document is searchable once written;
 *   <li>the extractor ({@code ingest-extract}) follows behind it over the same spooled items,
 *       extracting triples from the written documents (on a pool of threads, see
 *       {@link BatchWriter#extract});
 *   <li>the embedder ({@code ingest-embed}) follows it the same way, giving the written passages
 *       their dense vectors (see {@link BatchEmbedder#embed}).
 * </ul>
 *
 * Search comes first: an extraction or embedding batch starts only while the writer has no job
 * to run, and the embedder also pauses between slices of a batch while it has one, so neither
 * (part-of-speech tagging and a BERT forward pass per passage, far costlier than indexing) takes
 * the processors away from making documents searchable. Under a steady stream of new jobs their
 * backlog waits, and catches up when the writer is idle.
 *
 * Each stage saves its progress ({@code processed}, {@code extracted}, {@code embedded}) after
 * each batch, so after a crash each resumes after its last committed batch. The job is done when
 * all three are.
 */
@ApplicationScoped
public class IngestJobs {
  private static final Logger LOG = Logger.getLogger(IngestJobs.class);

  private final JobStore store;
  private final BatchWriter writer;
  private final FactGraphWriter factWriter;
  private final BatchEmbedder embedder;
  private final int batchSize;
  private final long batchChars;
  private final int tripleBatchSize;
  private final Map<String, JobState> jobs = new ConcurrentHashMap<>();
  /** Notified whenever a job's state changes; the followers wait on it for written batches. */
  private final Object progress = new Object();
  /** Set on shutdown: every stage stops between batches and the job resumes on restart. */
  private volatile boolean stopping;
  private final ExecutorService worker = daemonThread("ingest-worker");
  /** Jobs submitted to the writer and not finished by it; guarded by {@link #progress}. */
  private int writerRuns;
  private final Follower extraction;
  private final Follower embedding;

  IngestJobs(IngestConfig config, ObjectMapper mapper, BatchWriter writer,
      FactGraphWriter factWriter, BatchEmbedder embedder) {
    this.store = new JobStore(config.dataDir().resolve("jobs"), mapper);
    this.writer = writer;
    this.factWriter = factWriter;
    this.embedder = embedder;
    this.batchSize = config.ingest().batchSize();
    this.batchChars = config.ingest().batchChars();
    this.tripleBatchSize = config.ingest().tripleBatchSize();
    this.extraction = new Follower("extraction", daemonThread("ingest-extract"),
        JobState::extracted, (id, c, docs) -> Optional.of(writer.extract(c, docs)),
        JobState::withExtracted);
    this.embedding = new Follower("embedding", daemonThread("ingest-embed"), JobState::embedded,
        (id, c, docs) -> embedder.embed(c, docs.stream().map(Document::id).toList(),
            () -> writerIdle(id)),
        JobState::withEmbedded);
  }

  private static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Resumes every job that a previous process left queued or running. */
  void onStart(@Observes StartupEvent event) throws IOException {
    List<JobState> saved = new ArrayList<>(store.loadAll());
    saved.sort(Comparator.comparing(JobState::createdAt).thenComparing(JobState::id));
    for (JobState job : saved) {
      jobs.put(job.id(), job);
      if (job.status().unfinished()) {
        LOG.infof("resuming job %s at %d/%d items written, %d extracted, %d embedded", job.id(),
            job.processed(), job.total(), job.extracted(), job.embedded());
        submitRun(job.id());
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    stopping = true;
    synchronized (progress) {
      progress.notifyAll();
    }
    worker.shutdown();
    extraction.thread().shutdown();
    embedding.thread().shutdown();
    worker.awaitTermination(60, TimeUnit.SECONDS);
    extraction.thread().awaitTermination(60, TimeUnit.SECONDS);
    embedding.thread().awaitTermination(60, TimeUnit.SECONDS);
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
        JobStatus.QUEUED, items.size(), 0, 0, 0, counters, errors, null, now, now);
    try {
      store.create(job, items);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spool job " + job.id(), e);
    }
    jobs.put(job.id(), job);
    submitRun(job.id());
    return job;
  }

  /** Queues a failed job again; each stage resumes after its last committed batch. */
  public Optional<JobState> retry(String id) {
    JobState job = jobs.get(id);
    if (job == null || job.status() != JobStatus.FAILED) {
      return Optional.ofNullable(job);
    }
    JobState queued = update(id, s -> s.withStatus(JobStatus.QUEUED, null));
    submitRun(id);
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

  private void submitRun(String id) {
    synchronized (progress) {
      writerRuns++;
    }
    worker.submit(() -> {
      try {
        run(id);
      } finally {
        synchronized (progress) {
          writerRuns--;
          progress.notifyAll();
        }
      }
    });
  }

  /** Runs job {@code id}: the writing stage here, the followers on their own threads. */
  private void run(String id) {
    if (stopping) {
      return;
    }
    boolean documents = jobs.get(id).kind() == JobKind.DOCUMENTS;
    boolean extract = documents && writer.extracting();
    boolean embed = documents && embedder.enabled();
    JobState job = update(id, s -> s.withStatus(JobStatus.RUNNING, null)
        .withStagesOff(extract, embed));
    for (Follower follower : List.of(extraction, embedding)) {
      if (follower == extraction ? extract : embed) {
        follower.thread().submit(() -> follow(id, follower));
      }
    }
    CollectionName collection = new CollectionName(job.collection());
    int size = job.kind() == JobKind.TRIPLES ? tripleBatchSize : batchSize;
    FactGraphWriter.Import kb = factWriter.begin(collection.value(), "kb");
    try (BufferedReader lines = store.items(id)) {
      if (job.kind() == JobKind.TRIPLES) {
        // A collection of facts alone is still a collection /ask answers (from the graph): it
        // gets an empty text index, which an ingest of documents fills later.
        writer.write(collection, List.of());
      }
      long skip = job.processed();
      List<String> batch = new ArrayList<>(size);
      long chars = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (skip-- > 0) {
          continue;
        }
        batch.add(line);
        chars += line.length();
        if (batch.size() == size || chars >= batchChars) {
          chars = 0;
          job = writeBatch(job, collection, batch, kb, extract, embed);
          if (stopping || jobs.get(id).status() != JobStatus.RUNNING) {
            LOG.infof("job %s writing paused at %d/%d", id, job.processed(), job.total());
            return;
          }
        }
      }
      writeBatch(job, collection, batch, kb, extract, embed);
      finishIfComplete(id);
    } catch (IOException | RuntimeException e) {
      fail(id, "writing", e);
    }
  }

  private JobState writeBatch(JobState job, CollectionName collection, List<String> batch,
      FactGraphWriter.Import kb, boolean extract, boolean embed) throws IOException {
    if (batch.isEmpty()) {
      return job;
    }
    Map<String, Long> deltas;
    if (job.kind() == JobKind.TRIPLES) {
      long start = System.nanoTime();
      List<Fact> facts = new ArrayList<>(batch.size());
      for (String line : batch) {
        facts.add(store.item(line, Fact.class));
      }
      FactGraphWriter.Written written = kb.write(facts);
      deltas = Map.of("triples", written.relations(), "entities", written.entities());
      LOG.infof("imported %d triples in %d ms: %d relations and %d entities created",
          facts.size(), (System.nanoTime() - start) / 1_000_000, written.relations(),
          written.entities());
    } else {
      deltas = writer.write(collection, documents(batch));
    }
    int items = batch.size();
    batch.clear();
    return update(job.id(), s -> s.withWritten(items, !extract, !embed, deltas));
  }

  /**
   * Runs {@code follower} over the spooled items of job {@code id}, batch by batch behind the
   * writer, and marks the job done after its last batch if the other stages are done too.
   */
  private void follow(String id, Follower follower) {
    JobState job = jobs.get(id);
    CollectionName collection = new CollectionName(job.collection());
    long done = follower.done().applyAsLong(job);
    try (BufferedReader lines = store.items(id)) {
      long position = 0;
      List<String> batch = new ArrayList<>(batchSize);
      long chars = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (position++ < done) {
          continue;
        }
        batch.add(line);
        chars += line.length();
        if (batch.size() == batchSize || chars >= batchChars) {
          chars = 0;
          if (!followBatch(id, collection, batch, position, follower)) {
            return;
          }
        }
      }
      if (followBatch(id, collection, batch, position, follower)) {
        finishIfComplete(id);
      }
    } catch (IOException | RuntimeException e) {
      if (stopping) {
        // JVM shutdown hooks (ONNX Runtime's among them) may tear a model down under a stage
        // that is finishing its slice: the job resumes on restart instead of failing.
        LOG.infof("job %s %s stopped by shutdown: %s", id, follower.stage(), e.getMessage());
        return;
      }
      fail(id, follower.stage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Error e) {
      // An executor swallows an Error (out of memory loading a model, say): the job would stay
      // running without a word. It fails, visibly and retryably, and the Error goes on.
      fail(id, follower.stage(), new IllegalStateException(e.toString(), e));
      throw e;
    }
  }

  /**
   * Runs {@code follower} on {@code batch}, the items up to {@code end}, once the writing stage
   * has written them and the writer is idle; false when the job stopped or failed first.
   */
  private boolean followBatch(String id, CollectionName collection, List<String> batch, long end,
      Follower follower) throws IOException, InterruptedException {
    if (batch.isEmpty()) {
      return true;
    }
    if (!awaitWriter(id, end)) {
      return false;
    }
    Optional<Map<String, Long>> deltas = follower.step().run(id, collection, documents(batch));
    if (deltas.isEmpty()) {
      return false;
    }
    int items = batch.size();
    batch.clear();
    update(id, s -> follower.advance().apply(s, items, deltas.get()));
    return !stopping;
  }

  /**
   * Waits until job {@code id} has {@code end} items written and the writer has no job to run;
   * false when the service is stopping or the job stopped running first.
   */
  private boolean awaitWriter(String id, long end) throws InterruptedException {
    synchronized (progress) {
      while (jobs.get(id).processed() < end || writerRuns > 0) {
        if (stopping || jobs.get(id).status() != JobStatus.RUNNING) {
          return false;
        }
        progress.wait(250);
      }
      return !stopping && jobs.get(id).status() == JobStatus.RUNNING;
    }
  }

  /** {@link #awaitWriter} between slices of a batch: whether a follower may go on. */
  private boolean writerIdle(String id) {
    try {
      return awaitWriter(id, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Marks job {@code id} done if it is running and every stage has passed every item. */
  private void finishIfComplete(String id) {
    update(id, s -> s.status() == JobStatus.RUNNING && s.complete()
        ? s.withStatus(JobStatus.DONE, null) : s);
  }

  private List<Document> documents(List<String> lines) throws IOException {
    List<Document> documents = new ArrayList<>(lines.size());
    for (String line : lines) {
      documents.add(store.item(line, Document.class));
    }
    return documents;
  }

  /**
   * Infrastructure failure (disk, Neo4j): the job stops at its last committed batch and can be
   * retried; nothing accepted is lost because the spool stays on disk.
   */
  private void fail(String id, String stage, Exception e) {
    JobState job = jobs.get(id);
    LOG.errorf(e, "job %s failed in %s at %d/%d written, %d extracted, %d embedded", id, stage,
        job.processed(), job.total(), job.extracted(), job.embedded());
    UnaryOperator<JobState> failed =
        s -> s.withStatus(JobStatus.FAILED, stage + " failed: " + e.getMessage());
    try {
      update(id, failed);
    } catch (UncheckedIOException saving) {
      // Typically the same full disk. The job must not go on showing as running: it is failed
      // (and retryable) here, while its saved state stays at its last batch, from where a
      // restart resumes it.
      LOG.errorf(saving, "job %s: its failed state could not be saved", id);
      synchronized (progress) {
        jobs.computeIfPresent(id, (key, state) -> failed.apply(state));
        progress.notifyAll();
      }
    }
  }

  /** Applies {@code change} to the current state of job {@code id}, saves and publishes it. */
  private JobState update(String id, UnaryOperator<JobState> change) {
    synchronized (progress) {
      JobState state = change.apply(jobs.get(id));
      try {
        store.save(state);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save job " + state.id(), e);
      }
      jobs.put(state.id(), state);
      progress.notifyAll();
      return state;
    }
  }
}
