package io.odqa.qa.champion;

import io.odqa.core.api.Problem;
import io.odqa.service.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Questions wait for the champions: until {@link ChampionsReadiness} says the promoted config
 * and models are in force, the answering endpoints say 503 with {@code Retry-After}, so that a
 * client that reaches a restarting replica directly (no load balancer reading readiness) never
 * gets an answer from the default config or the base reader.
 */
public class ChampionsGate {
  private final ChampionsReadiness champions;
  private final boolean enabled;

  ChampionsGate(@Readiness ChampionsReadiness champions, ChampionsConfig config) {
    this.champions = champions;
    this.enabled = config.gate();
  }

  @ServerRequestFilter
  public Optional<Response> waitForChampions(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    boolean answers = path.startsWith("/api/v1/ask") || path.startsWith("/api/v1/read")
        || path.startsWith("/api/v1/retrieve") || path.startsWith("/api/v1/kg");
    if (!enabled || !answers || champions.inForce()) {
      return Optional.empty();
    }
    return Optional.of(Response.fromResponse(ProblemMappers.respond(Problem.of(503,
            "this replica is loading the promoted config and models; retry shortly")))
        .header(HttpHeaders.RETRY_AFTER, 1).build());
  }
}
