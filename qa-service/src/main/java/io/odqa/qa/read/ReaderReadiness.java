package io.odqa.qa.read;

import io.odqa.qa.QaConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Warms the reader at start-up, on the scheduler's own workers, and reports the service ready
 * only once that is done, so that a load balancer sends no user to a cold model. Without a
 * model there is nothing to warm: answers are whole passages, and the service is ready at once.
 */
@Readiness
@ApplicationScoped
public class ReaderReadiness implements HealthCheck {
  private static final Logger LOG = Logger.getLogger(ReaderReadiness.class);

  private final ReaderModels models;
  private final ForwardScheduler scheduler;
  private final boolean enabled;
  private volatile String state = "warming";
  private volatile long millis = -1;

  ReaderReadiness(ReaderModels models, ForwardScheduler scheduler, QaConfig config) {
    this.models = models;
    this.scheduler = scheduler;
    this.enabled = config.reader().warmup();
  }

  void onStart(@Observes StartupEvent event) {
    if (!enabled || "none".equals(models.version())) {
      state = enabled ? "no model" : "disabled";
      return;
    }
    Thread t = new Thread(this::warm, "reader-warmup");
    t.setDaemon(true);
    t.start();
  }

  private void warm() {
    long start = System.nanoTime();
    try {
      int passes = models.withModel(m -> Warmup.run(m, scheduler.maxWindows(), scheduler::forward));
      millis = (System.nanoTime() - start) / 1_000_000;
      LOG.infof("reader warmed up in %d ms (%d passes)", millis, passes);
      state = "warm";
    } catch (RuntimeException e) {
      // A model that cannot run a pass will fail requests too; say so, but let it serve.
      LOG.errorf(e, "reader warm-up failed");
      state = "warm-up failed: " + e.getMessage();
    }
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("reader").status(!"warming".equals(state))
        .withData("model", models.version()).withData("warmup", state)
        .withData("warmupMs", millis).build();
  }
}
