package io.odqa.feedback.trigger;

import io.odqa.feedback.FeedbackConfig;
import io.odqa.feedback.job.JobConflictException;
import io.odqa.feedback.job.JobKind;
import io.odqa.feedback.job.JobRequest;
import io.odqa.feedback.job.JobRunner;
import io.odqa.feedback.job.JobStore;
import io.odqa.feedback.store.FeedbackStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Checks the triggers every {@code odqa.loop.triggers.check-every}. State lives in Neo4j (events'
 * {@code storedAt}, jobs' {@code createdAt}), so the counts survive a restart: "N new events" means
 * N events stored since the last job of that kind for that collection was created.
 */
@ApplicationScoped
public class Triggers {
  private static final Logger LOG = Logger.getLogger(Triggers.class);

  private final FeedbackStore events;
  private final JobStore jobs;
  private final JobRunner runner;
  private final FeedbackConfig.Triggers config;

  Triggers(FeedbackStore events, JobStore jobs, JobRunner runner, FeedbackConfig config) {
    this.events = events;
    this.jobs = jobs;
    this.runner = runner;
    this.config = config.loop().triggers();
  }

  @Scheduled(every = "${odqa.loop.triggers.check-every}", delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void check() {
    try {
      for (String collection : events.countSince(0).keySet()) {
        count(JobKind.RETUNE, collection, config.retuneEveryEvents());
        count(JobKind.REFRESH, collection, config.refreshEveryEvents());
        count(JobKind.GRAPH_REFRESH, collection, config.graphRefreshEveryEvents());
        accuracy(collection);
      }
    } catch (Neo4jException e) {
      LOG.debugf("triggers not checked: %s", e.getMessage());
    }
  }

  @Scheduled(every = "${odqa.loop.triggers.schedule}", delayed = "60s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void onSchedule() {
    try {
      for (String collection : events.countSince(0).keySet()) {
        for (JobKind kind : JobKind.values()) {
          if (newEvents(kind, collection) > 0) {
            start(kind, collection, "schedule");
          }
        }
      }
    } catch (Neo4jException e) {
      LOG.debugf("scheduled jobs not started: %s", e.getMessage());
    }
  }

  private void count(JobKind kind, String collection, int every) {
    if (every > 0 && runner.activeId(kind) == null && newEvents(kind, collection) >= every) {
      start(kind, collection, "count");
    }
  }

  /** A retune when the last window's accuracy fell by the configured drop against the one before. */
  private void accuracy(String collection) {
    int m = config.accuracyWindow();
    if (m <= 0 || config.accuracyDrop() <= 0 || runner.activeId(JobKind.RETUNE) != null) {
      return;
    }
    List<Boolean> recent = events.recentVerdicts(collection, 2 * m);
    if (recent.size() < 2 * m || newEvents(JobKind.RETUNE, collection) < m) {
      return;
    }
    double now = share(recent.subList(0, m));
    double before = share(recent.subList(m, 2 * m));
    if (before - now >= config.accuracyDrop()) {
      LOG.infof("accuracy on %s fell from %.3f to %.3f over the last %d events", collection,
          before, now, m);
      start(JobKind.RETUNE, collection, "accuracy");
    }
  }

  private long newEvents(JobKind kind, String collection) {
    Map<String, Long> since = events.countSince(jobs.lastCreated(kind, collection));
    return since.getOrDefault(collection, 0L);
  }

  private void start(JobKind kind, String collection, String trigger) {
    try {
      String id = runner.submit(new JobRequest(kind, collection, null, null, 0L, null, trigger))
          .id();
      LOG.infof("%s trigger started %s job %s for collection %s", trigger, kind.label(), id,
          collection);
    } catch (JobConflictException e) {
      LOG.debugf("%s trigger: %s", trigger, e.getMessage());
    }
  }

  private static double share(List<Boolean> verdicts) {
    return verdicts.stream().filter(v -> v).count() / (double) verdicts.size();
  }
}
