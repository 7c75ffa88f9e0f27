package io.odqa.qa.retrieve.replica;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code index-replication} in {@code /q/health/ready}: up in shared-disk mode; in replica mode
 * up once the replica can answer ({@link IndexReplicas#ready()}), and then up for good, since a
 * replica cut off from ingest still serves its last revision. Its data say, per collection, the
 * version held, how stale it may be ({@code <collection>.stalenessMs}), the last copy and the
 * last error.
 */
@Readiness
@ApplicationScoped
public class IndexReplicaReadiness implements HealthCheck {
  private final IndexReplicas replicas;

  IndexReplicaReadiness(IndexReplicas replicas) {
    this.replicas = replicas;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder out = HealthCheckResponse.named("index-replication")
        .status(replicas.ready())
        .withData("mode", replicas.enabled() ? "replica" : "shared-disk");
    if (!replicas.enabled()) {
      return out.build();
    }
    Instant now = Instant.now();
    out.withData("source", replicas.source().orElse(""));
    replicas.listedAt().ifPresent(t -> out.withData("listedAt", t.toString()));
    replicas.listError().ifPresent(e -> out.withData("listError", e));
    for (CollectionReplica.State s : replicas.states()) {
      String c = s.collection();
      out.withData(c + ".version", s.version() == null ? "none" : s.version());
      s.staleness(now).ifPresent(d -> out.withData(c + ".stalenessMs", d.toMillis()));
      out.withData(c + ".revisionsCopied", s.revisionsCopied());
      out.withData(c + ".bytesCopied", s.bytesCopied());
      if (s.lastCopyAt() != null) {
        out.withData(c + ".lastCopyAt", s.lastCopyAt().toString());
        out.withData(c + ".lastCopyMs", s.lastCopyMillis());
        out.withData(c + ".lastCopyBytes", s.lastCopyBytes());
      }
      out.withData(c + ".failures", s.failures());
      if (s.lastError() != null) {
        out.withData(c + ".lastError", s.lastError());
      }
    }
    return out.build();
  }
}
