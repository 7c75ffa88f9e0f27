package io.odqa.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keyMetricsSumSeriesKeepTheHeapAndTurnTimersIntoCountsAndMeans() {
    String text = """
        # HELP jvm_memory_used_bytes The amount of used memory
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
        http_server_requests_seconds_count{method="POST",uri="/api/v1/ask"} 3.0
        http_server_requests_seconds_count{method="GET",uri="/q/health"} 1.0
        http_server_requests_seconds_sum{method="POST",uri="/api/v1/ask"} 0.9
        http_server_requests_seconds_sum{method="GET",uri="/q/health"} 0.1
        process_uptime_seconds 120.5
        odqa_feedback_received_total{outcome="stored"} 7.0
        odqa_feedback_received_total{outcome="duplicate"} 2.0
        odqa_reader_pass_seconds_bucket{le="0.1"} 5.0
        odqa_reader_pass_seconds_count 4.0
        odqa_reader_pass_seconds_sum 0.2
        odqa_reader_pass_seconds_max 0.09
        odqa_reader_pass_windows_count 4.0
        odqa_reader_pass_windows_sum 10.0
        jvm_threads_live_threads 40.0
        broken_line
        bad_value NaN
        """;
    Map<String, Double> m = SystemApi.keyMetrics(text);
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("heap_used_bytes", 4.0e7);
    expected.put("http_requests_seconds_count", 4.0);
    expected.put("http_requests_mean_ms", 250.0);
    expected.put("process_uptime_seconds", 120.5);
    expected.put("odqa_feedback_received_total", 9.0);
    expected.put("odqa_reader_pass_seconds_count", 4.0);
    expected.put("odqa_reader_pass_mean_ms", 50.0);
    expected.put("odqa_reader_pass_windows_count", 4.0);
    expected.put("odqa_reader_pass_windows_mean", 2.5);
    assertEquals(expected, m);
  }

  @Test
  void componentsSayWhichServiceReportsKafkaOrNeo4jDown() throws Exception {
    JsonNode qaChecks = JSON.readTree("""
        [{"name": "SmallRye Reactive Messaging - readiness check", "status": "UP"},
         {"name": "neo4j", "status": "DOWN"}, {"name": "reader", "status": "UP"}]""");
    JsonNode ingestChecks = JSON.readTree("""
        [{"name": "SmallRye Reactive Messaging - readiness check", "status": "UP"},
         {"name": "neo4j", "status": "UP"}]""");
    List<Map<String, Object>> services = List.of(
        Map.of("name", "qa-service", "checks", qaChecks),
        Map.of("name", "ingest", "checks", ingestChecks),
        Map.of("name", "feedback", "status", "UNREACHABLE"));
    JsonNode collections = JSON.readTree("""
        [{"name": "demo", "passages": 36, "embedded": 30}, {"name": "x", "passages": 4,
          "embedded": 4}]""");
    List<Map<String, Object>> c = SystemApi.components(services, collections);
    assertEquals(List.of("Kafka", "Neo4j", "Reader", "Indexes"),
        c.stream().map(x -> x.get("name")).toList());
    assertEquals(List.of("UP", "DOWN", "UP", "UP"), c.stream().map(x -> x.get("status")).toList());
    assertEquals("qa-service: neo4j", c.get(1).get("detail"));
    assertEquals("2 collections, 40 passages, 34 with vectors", c.get(3).get("detail"));
    assertEquals("UNKNOWN", SystemApi.components(List.of(), null).get(0).get("status"));
  }
}
