package io.odqa.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.console.Roles;
import io.odqa.console.upstream.Service;
import io.odqa.console.upstream.Upstream;
import io.odqa.core.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The System page: each service's health (its checks name Kafka, Neo4j, the indexes and the
 * models, with the cause when one is down) and a few key metrics read from its Prometheus
 * endpoint: uptime, heap, CPU, requests served and their mean time, and the platform's own
 * {@code odqa_*} counters.
 */
@Path("/api/system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Upstream upstream;

  SystemApi(Upstream upstream) {
    this.upstream = upstream;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
  public Map<String, Object> system() {
    List<Map<String, Object>> services = new ArrayList<>();
    for (Service s : Service.values()) {
      services.add(status(s));
    }
    return Map.of("services", services);
  }

  private Map<String, Object> status(Service service) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", service.label());
    out.put("url", upstream.base(service).toString());
    Response health = upstream.get(service, "/q/health", Upstream.params());
    JsonNode body = parse(health);
    if (body != null && body.has("status")) {
      out.put("status", body.get("status").asText());
      out.put("checks", body.path("checks"));
    } else {
      out.put("status", "UNREACHABLE");
      out.put("checks", List.of());
      out.put("error", health.getEntity() instanceof Problem p ? p.detail()
          : "HTTP " + health.getStatus());
      return out;
    }
    Response metrics = upstream.send(service, "GET", "/q/metrics", null, null);
    if (metrics.getStatus() == 200) {
      out.put("metrics", keyMetrics(new String((byte[]) metrics.getEntity(),
          StandardCharsets.UTF_8)));
    }
    return out;
  }

  /**
   * The key metrics of a Prometheus text exposition: series are summed over their labels,
   * except the heap, which is the {@code area="heap"} part of {@code jvm_memory_used_bytes}.
   */
  static Map<String, Double> keyMetrics(String text) {
    Map<String, Double> sums = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name = line.substring(0, brace >= 0 ? brace : space);
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      String key = switch (name) {
        case "process_uptime_seconds", "process_cpu_usage", "system_cpu_usage" -> name;
        case "jvm_memory_used_bytes" -> line.contains("area=\"heap\"") ? "heap_used_bytes" : null;
        case "http_server_requests_seconds_count" -> "http_requests";
        case "http_server_requests_seconds_sum" -> "http_seconds";
        default -> name.startsWith("odqa_") ? name : null;
      };
      if (key != null && Double.isFinite(value)) {
        sums.merge(key, value, Double::sum);
      }
    }
    Double count = sums.get("http_requests");
    Double seconds = sums.remove("http_seconds");
    if (count != null && seconds != null && count > 0) {
      sums.put("http_mean_ms", Math.round(seconds / count * 1e4) / 10.0);
    }
    return sums;
  }

  private static JsonNode parse(Response response) {
    Object entity = response.getEntity();
    try {
      return entity instanceof byte[] bytes && bytes.length > 0 ? JSON.readTree(bytes) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
