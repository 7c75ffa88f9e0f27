package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code kill -9} of each service in turn under a bounded loop of its own requests, then a
 * restart on the same data directory and port:
 *
 * <ul>
 *   <li>ingest: every batch it accepted (202, job id) before or after the kill is done in the
 *       end (a job cut off resumes at its last committed batch) and each of its documents is
 *       listed once and found by {@code /ask};
 *   <li>qa-service: it comes back serving the champion config and reader model it served before
 *       (promoted on the run's config and models topics, which it reads again from the start);
 *       it is not ready, and answers 503, until the promoted config and model are in force
 *       again, so no answer comes from another model;
 *   <li>feedback: every event it accepted (202) is stored, once.
 * </ul>
 *
 * {@code services} picks which of the three are killed, in that order.
 */
final class ServiceKillScenario implements Scenario {
  static final List<String> SERVICES = List.of("ingest", "qa-service", "feedback");
  private static final Duration JOB_LIMIT = Duration.ofMinutes(5);

  private final List<String> services;
  private final int feedbackEvents;

  ServiceKillScenario(List<String> services, int feedbackEvents) {
    for (String s : services) {
      if (!SERVICES.contains(s)) {
        throw new IllegalArgumentException("services must be among " + SERVICES + ", got " + s);
      }
    }
    this.services = List.copyOf(services);
    this.feedbackEvents = feedbackEvents;
  }

  @Override
  public String name() {
    return "kill-services";
  }

  @Override
  public void run(FaultRun run, Outcome out) throws Exception {
    String tag = run.id + "-kill";
    Path data = run.dir.resolve("kill-services");
    // /ask needs a collection: a qa-service killed alone still runs beside ingest.
    Set<String> running = new HashSet<>();
    if (services.contains("ingest") || services.contains("qa-service")) {
      running.addAll(List.of("ingest", "qa-service"));
    }
    if (services.contains("feedback")) {
      running.add("feedback");
    }
    try (Stack stack = new Stack(run, tag, data, true, running)) {
      out.put("service_start_s", stack.start());
      if (services.contains("ingest")) {
        out.put("ingest", killIngest(run, stack, tag));
      }
      if (services.contains("qa-service")) {
        if (!services.contains("ingest")) {
          // /ask needs a collection: the one the ingest kill would have filled.
          Http.Reply r = stack.submit("fault-" + tag, Stack.documents(tag, 0, 25));
          stack.awaitJob(r.json().path("jobId").asText(), JOB_LIMIT);
        }
        out.put("qa-service", killQa(run, stack, tag, data));
      }
      if (services.contains("feedback")) {
        out.put("feedback", killFeedback(run, stack));
      }
      for (String s : services) {
        @SuppressWarnings("unchecked")
        List<String> failures = (List<String>) ((Map<String, Object>) out.json().get(s))
            .getOrDefault("failures", List.of());
        failures.forEach(f -> out.fail(s + ": " + f));
      }
    }
  }

  /** Batches of 25 documents, one request at a time, with a kill -9 after the sixth. */
  private Map<String, Object> killIngest(FaultRun run, Stack stack, String tag)
      throws Exception {
    Outcome o = new Outcome();
    String collection = "fault-" + tag;
    int batches = 24;
    int perBatch = 25;
    Set<Integer> acceptedDocs = new TreeSet<>();
    List<String> jobs = new ArrayList<>();
    Map<String, Long> errors = new TreeMap<>();
    AtomicInteger acceptedBatches = new AtomicInteger();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Thread loop = new Thread(() -> {
      // Each batch is sent again, after a pause, until ingest accepts it: as a client would.
      for (int b = 0; b < batches && System.nanoTime() < deadline; b++) {
        Http.Reply r = stack.submit(collection, Stack.documents(tag, b * perBatch,
            (b + 1) * perBatch));
        synchronized (acceptedDocs) {
          if (r.status() == 202) {
            jobs.add(r.json().path("jobId").asText());
            for (int i = b * perBatch; i < (b + 1) * perBatch; i++) {
              acceptedDocs.add(i);
            }
            acceptedBatches.incrementAndGet();
          } else {
            errors.merge(r.kind(), 1L, Long::sum);
            b--;
          }
        }
        try {
          Thread.sleep(r.status() == 202 ? 150 : 500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "fault-ingest-load");
    loop.start();
    while (loop.isAlive() && acceptedBatches.get() < 6) {
      Thread.sleep(20);
    }
    Map<String, Object> killed = kill(run, stack.ingest);
    o.put("kill", killed);
    loop.join();
    o.put("batches", batches).put("batches_accepted", acceptedBatches.get())
        .put("documents_accepted", acceptedDocs.size()).put("refused", errors);
    long t0 = System.nanoTime();
    Map<String, Long> states = new TreeMap<>();
    for (String id : jobs) {
      JsonNode job = stack.awaitJob(id, JOB_LIMIT);
      states.merge(job.path("status").asText("missing"), 1L, Long::sum);
    }
    o.put("jobs", states).put("jobs_settled_s", FaultRun.seconds(t0));
    o.check(states.getOrDefault("done", 0L) == jobs.size(), "every accepted job done: " + states);
    Map<String, Integer> ids = stack.documentIds(collection);
    Set<String> missing = Stack.missing(tag, acceptedDocs, ids);
    long twice = ids.values().stream().filter(n -> n > 1).count();
    o.put("documents_listed", ids.size()).put("lost", missing.size()).put("listed_twice", twice);
    o.check(missing.isEmpty(), "every accepted document listed; missing " + first(missing));
    o.check(twice == 0, "no document listed twice");
    // Searchable: the unique tokens of the first, a middle and the last accepted document.
    List<Integer> sample = new ArrayList<>(acceptedDocs);
    int found = 0;
    List<Integer> probes = sample.isEmpty() ? List.of()
        : List.of(sample.get(0), sample.get(sample.size() / 2), sample.get(sample.size() - 1));
    for (int i : probes) {
      Http.Reply r = stack.ask(collection, "Which document has the token " + Stack.token(tag, i) + "?");
      for (JsonNode p : r.json().path("passages")) {
        if (p.path("docId").asText().equals(Stack.docId(tag, i))) {
          found++;
          break;
        }
      }
    }
    o.put("searchable_probes", probes.size()).put("searchable_found", found);
    o.check(found == probes.size(), "sampled accepted documents found by /ask");
    return o.json();
  }

  /** A bounded loop of {@code /ask}, a kill -9 after five answers; champions compared. */
  private Map<String, Object> killQa(FaultRun run, Stack stack, String tag, Path data)
      throws Exception {
    Outcome o = new Outcome();
    String collection = "fault-" + tag;
    Map<String, String> promoted = promote(run, stack, tag, data);
    o.put("promoted", promoted);
    JsonNode before = champions(run, stack);
    o.put("champions_before", before);
    o.check(promoted.get("config").equals(before.path("config").path("version").asText())
        && promoted.get("model").equals(before.path("model").path("version").asText()),
        "promotions applied before the kill: " + before);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger otherModel = new AtomicInteger();
    Map<String, Long> errors = new TreeMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    AtomicInteger sent = new AtomicInteger();
    Thread loop = new Thread(() -> {
      // Twenty answers, five before the kill and fifteen after the restart; pauses on failures.
      while (ok.get() < 20 && sent.get() < 400 && System.nanoTime() < deadline) {
        sent.incrementAndGet();
        Http.Reply r = stack.ask(collection, "Who wrote the first program for the Analytical Engine?");
        if (r.ok()) {
          ok.incrementAndGet();
          if (!promoted.get("model").equals(r.json().path("modelVersion").asText())) {
            otherModel.incrementAndGet();
          }
        } else {
          synchronized (errors) {
            errors.merge(r.kind(), 1L, Long::sum);
          }
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "fault-ask-load");
    loop.start();
    while (loop.isAlive() && ok.get() < 5) {
      Thread.sleep(20);
    }
    o.put("kill", kill(run, stack.qa));
    long ready = System.nanoTime();
    // Ready means the promoted champions are in force (ChampionsReadiness): what a load
    // balancer routes to must not answer with the default config or the base model.
    JsonNode atReady = champions(run, stack);
    o.put("champions_at_ready", atReady);
    o.check(sameChampions(before, atReady), "the promoted config and model are served as soon"
        + " as qa-service is ready again");
    loop.join();
    o.put("asked", sent.get()).put("answered", ok.get()).put("refused", errors)
        .put("answered_by_another_model", otherModel.get());
    o.check(ok.get() >= 20, "twenty answers, fifteen of them after the restart");
    o.check(otherModel.get() == 0, "every answer from the promoted model (a restarting replica"
        + " says 503 until it is in force)");
    // The champions come back from the compacted topics, read again from the start: how long
    // after the restarted service is ready does it serve them again?
    JsonNode after = champions(run, stack);
    while (!sameChampions(before, after) && System.nanoTime() - ready < 180_000_000_000L) {
      Thread.sleep(250);
      after = champions(run, stack);
    }
    o.put("champions_restored_after_ready_s", sameChampions(before, after)
        ? FaultRun.seconds(ready) : null);
    o.put("champions_after", after);
    o.check(before.path("config").path("version").equals(after.path("config").path("version")),
        "same config version after restart");
    o.check(before.path("model").path("version").equals(after.path("model").path("version")),
        "same model version after restart");
    Http.Reply config = run.http.get(stack.qa.url() + "/api/v1/config", Duration.ofSeconds(30));
    o.put("config_version_after", config.json().path("version").asText());
    o.check(promoted.get("config").equals(config.json().path("version").asText()),
        "GET /api/v1/config serves the promoted version");
    Map<String, Object> ask = Neo4jStopScenario.ask(stack, collection);
    o.put("ask_after", ask);
    o.check(Integer.valueOf(200).equals(ask.get("status")), "/ask answers after restart");
    return o.json();
  }

  /**
   * Publishes a config (the served one under a new version) and a reader model (a copy of
   * models/reader) on the stack's topics, as the feedback service's gate does, and waits until
   * qa-service serves both; returns their versions.
   */
  private static Map<String, String> promote(FaultRun run, Stack stack, String tag, Path data)
      throws Exception {
    String configVersion = "fault-config-" + run.id;
    String modelVersion = "fault-model-" + run.id;
    ObjectNode config = (ObjectNode) run.http.get(stack.qa.url() + "/api/v1/config",
        Duration.ofSeconds(30)).json();
    config.put("version", configVersion);
    Path model = Files.createDirectories(data.resolve("promoted-reader"));
    try (Stream<Path> files = Files.list(run.repo.resolve("models/reader"))) {
      for (Path f : files.toList()) {
        Files.copy(f, model.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // qa-service reports the version a model directory names in its VERSION file.
    Files.writeString(model.resolve("VERSION"), modelVersion + "\n");
    Map<String, Object> promotion = new LinkedHashMap<>();
    promotion.put("kind", "model");
    promotion.put("version", modelVersion);
    promotion.put("dir", model.toString());
    promotion.put("previous", null);
    promotion.put("reason", "promoted by the fault run " + run.id);
    promotion.put("metrics", Map.of());
    promotion.put("atMillis", System.currentTimeMillis());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.infra.bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      producer.send(new ProducerRecord<>("odqa.config.fault-" + tag, configVersion,
          Http.JSON.writeValueAsString(config))).get();
      producer.send(new ProducerRecord<>("odqa.models.fault-" + tag, modelVersion,
          Http.JSON.writeValueAsString(promotion))).get();
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode c = champions(run, stack);
      if (configVersion.equals(c.path("config").path("version").asText())
          && modelVersion.equals(c.path("model").path("version").asText())) {
        break;
      }
      Thread.sleep(500);
    }
    return Map.of("config", configVersion, "model", modelVersion);
  }

  private static boolean sameChampions(JsonNode before, JsonNode after) {
    return before.path("config").path("version").equals(after.path("config").path("version"))
        && before.path("model").path("version").equals(after.path("model").path("version"));
  }

  private static JsonNode champions(FaultRun run, Stack stack) {
    return run.http.get(stack.qa.url() + "/api/v1/champions", Duration.ofSeconds(30)).json();
  }

  /** Feedback events from four clients, each sent once; a kill -9 after a quarter. */
  private Map<String, Object> killFeedback(FaultRun run, Stack stack) throws Exception {
    Outcome o = new Outcome();
    String prefix = stack.feedbackPrefix;
    FeedbackLoad load = new FeedbackLoad(run.http, stack.feedback.url(), prefix, "fault",
        feedbackEvents, 4, false, Duration.ofMinutes(5));
    Thread loader = new Thread(() -> {
      try {
        load.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "fault-feedback-load");
    loader.start();
    while (loader.isAlive() && load.acceptedCount() < feedbackEvents / 4) {
      Thread.sleep(10);
    }
    o.put("kill", kill(run, stack.feedback));
    loader.join();
    o.put("sent", load.sent()).put("accepted", load.acceptedCount())
        .put("refused", load.errors());
    o.put("settle_s", FeedbackTally.settle(run, prefix, load.acceptedCount(),
        Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(5)));
    FeedbackTally.record(run, prefix, load, feedbackEvents, o);
    return o.json();
  }

  /** kill -9, restart on the same port and data; the pid and the seconds to ready again. */
  private static Map<String, Object> kill(FaultRun run, Service service) throws Exception {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("pid", service.pid());
    run.log("kill -9 %s (pid %d)", service.name, service.pid());
    long t0 = System.nanoTime();
    service.kill();
    k.put("restart_s", service.start());
    k.put("down_s", FaultRun.seconds(t0));
    run.log("%s ready again after %.1f s", service.name, FaultRun.seconds(t0));
    return k;
  }

  private static String first(Set<String> s) {
    return s.stream().limit(5).toList().toString();
  }

}
