package io.odqa.feedback.job;

import io.odqa.feedback.refresh.GraphRefreshJob;
import io.odqa.feedback.refresh.RefreshJob;
import io.odqa.feedback.tune.RetuneJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Runs jobs: one thread per kind, so at most one job of each kind (retune, refresh,
 * graph-refresh) runs at a time, and a request for a kind that is already active is refused
 * ({@link JobConflictException}). Jobs left queued or running by a stopped service run again at
 * start; a retune then continues its persisted study instead of starting over.
 */
@ApplicationScoped
public class JobRunner {
  private static final Logger LOG = Logger.getLogger(JobRunner.class);
  /** Progress is written at most this often, in milliseconds. */
  private static final long PROGRESS_EVERY_MS = 1_000;

  private final JobStore store;
  private final Map<JobKind, JobWork> work = new EnumMap<>(JobKind.class);
  private final Map<JobKind, ExecutorService> threads = new EnumMap<>(JobKind.class);
  private final Map<JobKind, String> active = new EnumMap<>(JobKind.class);
  private volatile boolean stopping;

  JobRunner(JobStore store, RetuneJob retune, RefreshJob refresh, GraphRefreshJob graphRefresh) {
    this.store = store;
    work.put(JobKind.RETUNE, retune);
    work.put(JobKind.REFRESH, refresh);
    work.put(JobKind.GRAPH_REFRESH, graphRefresh);
    for (JobKind kind : JobKind.values()) {
      threads.put(kind, Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "odqa-job-" + kind.label());
        t.setDaemon(true);
        return t;
      }));
    }
  }

  void onStart(@Observes StartupEvent event) {
    try {
      for (Job job : store.active()) {
        JobKind kind = JobKind.of(job.kind());
        synchronized (this) {
          if (active.containsKey(kind)) {
            store.update(job.id(), Map.of("state", "failed", "finishedAt",
                System.currentTimeMillis(), "error", "superseded by " + active.get(kind)));
            continue;
          }
          active.put(kind, job.id());
        }
        LOG.infof("resuming %s job %s left %s by a stopped service", kind.label(), job.id(),
            job.state());
        threads.get(kind).submit(() -> execute(job.id(), store.request(job)));
      }
    } catch (Neo4jException e) {
      LOG.warnf("unfinished jobs not resumed: Neo4j unavailable at start (%s)", e.getMessage());
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    threads.values().forEach(ExecutorService::shutdownNow);
  }

  /**
   * Queues {@code request} and returns the stored job.
   *
   * @throws JobConflictException when a job of its kind is queued or running
   */
  public Job submit(JobRequest request) {
    String id = request.kind().label() + "-" + UUID.randomUUID().toString().substring(0, 8);
    synchronized (this) {
      String running = active.get(request.kind());
      if (running != null) {
        throw new JobConflictException(request.kind().label(), running);
      }
      active.put(request.kind(), id);
    }
    Job job;
    try {
      job = store.create(id, request);
    } catch (RuntimeException e) {
      release(request.kind(), id);
      throw e;
    }
    threads.get(request.kind()).submit(() -> execute(id, request));
    return job;
  }

  /** The id of the active job of {@code kind}, or null. */
  public synchronized String activeId(JobKind kind) {
    return active.get(kind);
  }

  private void execute(String id, JobRequest request) {
    long attempts = store.find(id).map(Job::attempts).orElse(0L) + 1;
    store.update(id, Map.of("state", "running", "startedAt", System.currentTimeMillis(),
        "attempts", attempts, "stage", "starting"));
    try {
      Map<String, Object> result = work.get(request.kind()).run(id, request, progress(id));
      store.update(id, Map.of("state", "succeeded", "finishedAt", System.currentTimeMillis(),
          "stage", "done", "result", result));
      LOG.infof("%s job %s succeeded: %s", request.kind().label(), id, result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.infof("%s job %s interrupted by shutdown; it resumes at the next start",
          request.kind().label(), id);
      return;
    } catch (Exception e) {
      if (stopping) {
        LOG.infof("%s job %s stopped by shutdown (%s); it resumes at the next start",
            request.kind().label(), id, e.getMessage());
        return;
      }
      LOG.errorf(e, "%s job %s failed", request.kind().label(), id);
      store.update(id, Map.of("state", "failed", "finishedAt", System.currentTimeMillis(),
          "error", String.valueOf(e.getMessage())));
    } finally {
      release(request.kind(), id);
    }
  }

  private synchronized void release(JobKind kind, String id) {
    active.remove(kind, id);
  }

  private Progress progress(String id) {
    return new Progress() {
      private long lastWrite;
      private String lastStage;

      @Override
      public void report(String stage, long done, long total) {
        long now = System.currentTimeMillis();
        // A new stage is always written, so that a long stage never shows as the one before.
        if (now - lastWrite >= PROGRESS_EVERY_MS || done == total || !stage.equals(lastStage)) {
          lastWrite = now;
          lastStage = stage;
          Map<String, Object> p = new HashMap<>();
          p.put("stage", stage);
          p.put("done", done);
          p.put("total", total);
          store.update(id, p);
        }
      }

      @Override
      public boolean cancelled() {
        return stopping || Thread.currentThread().isInterrupted();
      }
    };
  }
}
