package io.odqa.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemApiTest {
  @Test
  void keyMetricsSumSeriesAndKeepOnlyTheHeapOfTheMemoryGauges() {
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
        jvm_threads_live_threads 40.0
        broken_line
        bad_value NaN
        """;
    Map<String, Double> m = SystemApi.keyMetrics(text);
    assertEquals(Map.of("heap_used_bytes", 4.0e7, "http_requests", 4.0, "http_mean_ms", 250.0,
        "process_uptime_seconds", 120.5, "odqa_feedback_received_total", 9.0), m);
  }
}
