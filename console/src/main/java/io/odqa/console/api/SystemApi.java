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
import java.util.TreeSet;

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
    JsonNode collections = parse(upstream.get(Service.INGEST, "/api/v1/collections",
        Upstream.params()));
    return Map.of("components", components(services, collections), "services", services);
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
    Response metrics = upstream.getText(service, "/q/metrics");
    if (metrics.getStatus() == 200) {
      out.put("metrics", keyMetrics(new String((byte[]) metrics.getEntity(),
          StandardCharsets.UTF_8)));
    }
    return out;
  }

  /**
   * The key metrics of a Prometheus text exposition: series are summed over their labels, except
   * the heap, which is the {@code area="heap"} part of {@code jvm_memory_used_bytes}. A timer or
   * distribution ({@code X_count} with {@code X_sum}) becomes its count and its mean
   * ({@code X_mean}, in ms for seconds); histogram buckets and maxima are left out.
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
        case "http_server_requests_seconds_count" -> "http_requests_seconds_count";
        case "http_server_requests_seconds_sum" -> "http_requests_seconds_sum";
        default -> name.startsWith("odqa_") && !name.endsWith("_bucket") && !name.endsWith("_max")
            ? name : null;
      };
      if (key != null && Double.isFinite(value)) {
        sums.merge(key, value, Double::sum);
      }
    }
    Map<String, Double> out = new TreeMap<>();
    sums.forEach((key, value) -> {
      if (key.endsWith("_sum")) {
        String base = key.substring(0, key.length() - "_sum".length());
        Double count = sums.get(base + "_count");
        if (count != null && count > 0) {
          boolean seconds = base.endsWith("_seconds");
          String stem = seconds ? base.substring(0, base.length() - "_seconds".length()) : base;
          double mean = value / count * (seconds ? 1000 : 1);
          out.put(stem + (seconds ? "_mean_ms" : "_mean"), Math.round(mean * 10) / 10.0);
        }
      } else {
        out.put(key, value);
      }
    });
    return out;
  }

  /**
   * The platform's parts at a glance, from the services' checks: Kafka (their messaging
   * channels), Neo4j (their {@code neo4j} checks), the reader (qa-service's {@code reader}
   * check) and the indexes (ingest's collections). Each is UP, DOWN with the services that
   * report it down, or UNKNOWN when no service reported on it.
   */
  static List<Map<String, Object>> components(List<Map<String, Object>> services,
      JsonNode collections) {
    Map<String, List<String>> down = new LinkedHashMap<>();
    Map<String, List<String>> seen = new LinkedHashMap<>();
    for (String c : List.of("Kafka", "Neo4j", "Reader")) {
      down.put(c, new ArrayList<>());
      seen.put(c, new ArrayList<>());
    }
    for (Map<String, Object> svc : services) {
      if (!(svc.get("checks") instanceof JsonNode checks)) {
        continue;
      }
      for (JsonNode check : checks) {
        String name = check.path("name").asText();
        String component = name.contains("Reactive Messaging") ? "Kafka"
            : name.equalsIgnoreCase("neo4j") ? "Neo4j" : name.equals("reader") ? "Reader" : null;
        if (component != null) {
          seen.get(component).add((String) svc.get("name"));
          if (!"UP".equals(check.path("status").asText())) {
            down.get(component).add(svc.get("name") + ": " + name);
          }
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (String c : down.keySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c);
      m.put("status", seen.get(c).isEmpty() ? "UNKNOWN" : down.get(c).isEmpty() ? "UP" : "DOWN");
      m.put("detail", down.get(c).isEmpty()
          ? "checked by " + String.join(", ", new TreeSet<>(seen.get(c)))
          : String.join("; ", down.get(c)));
      out.add(m);
    }
    Map<String, Object> indexes = new LinkedHashMap<>();
    indexes.put("name", "Indexes");
    if (collections != null && collections.isArray()) {
      long passages = 0;
      long embedded = 0;
      for (JsonNode c : collections) {
        passages += c.path("passages").asLong();
        embedded += c.path("embedded").asLong();
      }
      indexes.put("status", "UP");
      indexes.put("detail", collections.size() + " collections, " + passages + " passages, "
          + embedded + " with vectors");
    } else {
      indexes.put("status", "UNKNOWN");
      indexes.put("detail", "ingest did not list its collections");
    }
    out.add(indexes);
    return out;
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
