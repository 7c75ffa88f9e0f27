package io.odqa.qa;

import static io.odqa.service.testing.AsOperator.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.model.PipelineConfig;
import io.odqa.core.model.Promotion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Eight clients ask for 60 s while the model is swapped five times and the config ten times
 * through the topics: no request fails, and the answers carry old and new versions. Each client
 * loop is bounded in time and count.
 */
@QuarkusTest
@QuarkusTestResource(ReaderModelResource.class)
class HotSwapUnderLoadTest {
  private static final int CLIENTS = 8;
  private static final long SECONDS = 60;
  private static final int MAX_REQUESTS_PER_CLIENT = 5_000;

  @Inject QaConfig config;
  @Inject ObjectMapper mapper;
  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap;
  @ConfigProperty(name = "mp.messaging.incoming.pipeline-config.topic") String configTopic;
  @ConfigProperty(name = "mp.messaging.incoming.models.topic") String modelsTopic;

  @Test
  void swapsUnderLoadFailNoRequest() throws Exception {
    ChampionsTest helper = new ChampionsTest();
    helper.config = config;
    helper.mapper = mapper;
    helper.bootstrap = bootstrap;
    helper.writeIndex();
    String collection = helper.collection;
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path[] models = {helper.copyModel("load-a-" + run), helper.copyModel("load-b-" + run)};
    PipelineConfig base = given().get("/api/v1/config").as(PipelineConfig.class);

    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Set<String> configVersions = ConcurrentHashMap.newKeySet();
    Set<String> modelVersions = ConcurrentHashMap.newKeySet();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(pool.submit(() -> {
        for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < end; i++) {
          Response r = given().contentType("application/json")
              .body("{\"question\": \"Who built the compiler?\", \"collection\": \""
                  + collection + "\"}").post("/api/v1/ask");
          if (r.statusCode() == 200) {
            ok.incrementAndGet();
            configVersions.add(r.path("configVersion"));
            modelVersions.add(r.path("modelVersion"));
          } else {
            failed.incrementAndGet();
          }
        }
      }));
    }
    for (int k = 0; k < 10; k++) {
      Thread.sleep(SECONDS * 1000 / 11);
      PipelineConfig next = ChampionsTest.variant(base, "load-" + run + "-" + k, 5 + k % 3);
      helper.publish(configTopic, new Promotion("config", next.version(), next, null, null,
          "load test", Map.of(), k));
      if (k % 2 == 1) {
        String version = "load-" + (k % 4 == 1 ? "a-" : "b-") + run;
        helper.publish(modelsTopic, new Promotion("model", version, null,
            models[k % 4 == 1 ? 0 : 1].toString(), null, "load test", Map.of(), k));
      }
    }
    for (Future<?> f : clients) {
      f.get(SECONDS + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    System.out.printf("hot swap under load: %d answered, %d failed, config versions %s,"
        + " model versions %s%n", ok.get(), failed.get(), configVersions, modelVersions);
    assertEquals(0, failed.get(), "failed requests of " + (ok.get() + failed.get()));
    assertTrue(ok.get() > CLIENTS, "answered " + ok.get());
    assertTrue(configVersions.size() >= 3, "config versions seen: " + configVersions);
    assertTrue(modelVersions.size() >= 2, "model versions seen: " + modelVersions);
  }
}
