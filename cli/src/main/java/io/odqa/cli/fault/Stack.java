package io.odqa.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ingest, qa-service and feedback, or some of them, on one data directory and topics of their
 * own, as {@code ./odqa up} runs them, plus the calls the scenarios make to them. Documents are
 * only indexed (BM25) and stored in the graph: no dense vectors, which would cost minutes of CPU
 * and do not change what a fault does to a job.
 */
final class Stack implements AutoCloseable {
  private static final Duration CALL = Duration.ofSeconds(60);

  final Service ingest;
  final Service qa;
  final Service feedback;
  final String feedbackPrefix;
  private final FaultRun run;

  /**
   * @param tag names this stack's topics and consumer group
   * @param extract whether ingest runs triple extraction behind indexing
   * @param which the services to run, among ingest, qa-service and feedback
   */
  Stack(FaultRun run, String tag, Path data, boolean extract, Set<String> which)
      throws IOException {
    this.run = run;
    Map<String, String> topics = new LinkedHashMap<>();
    topics.put("ODQA_FEEDBACK_TOPIC", "odqa.feedback.fault-" + tag);
    topics.put("ODQA_CONFIG_TOPIC", "odqa.config.fault-" + tag);
    topics.put("ODQA_MODELS_TOPIC", "odqa.models.fault-" + tag);
    topics.put("ODQA_DOCUMENTS_TOPIC", "odqa.documents.fault-" + tag);
    Map<String, String> ingestEnv = new LinkedHashMap<>(topics);
    ingestEnv.put("ODQA_INGEST_EMBED_ENABLED", "false");
    ingestEnv.put("ODQA_INGEST_EXTRACT_ENABLED", Boolean.toString(extract));
    this.ingest = !which.contains("ingest") ? null : run.service("ingest", data, ingestEnv,
        List.of("-Xmx512m", "-Dmp.messaging.incoming.documents-in.group.id=odqa-ingest-" + tag));
    Map<String, String> qaEnv = new LinkedHashMap<>(topics);
    qaEnv.put("ODQA_READER_MODEL_DIR", run.repo.resolve("models/reader").toString());
    qaEnv.put("ODQA_KGQA_MODEL", run.repo.resolve("models/kgqa/paths.json").toString());
    qaEnv.put("ODQA_PIPELINE_RETRIEVAL_MODE", "bm25");
    this.qa = !which.contains("qa-service") ? null
        : run.service("qa-service", data, qaEnv, List.of("-Xmx768m"));
    if (which.contains("feedback")) {
      Map<String, String> feedbackEnv = new LinkedHashMap<>(topics);
      feedbackEnv.put("ODQA_QA_URL", qa == null ? "http://127.0.0.1:1" : qa.url());
      feedbackEnv.put("ODQA_TRIGGER_RETUNE_EVERY", "0");
      feedbackEnv.put("ODQA_TRIGGER_REFRESH_EVERY", "0");
      feedbackEnv.put("ODQA_TRIGGER_GRAPH_REFRESH_EVERY", "0");
      feedbackEnv.put("ODQA_TRIGGER_ACCURACY_WINDOW", "0");
      this.feedback = run.service("feedback", data, feedbackEnv, List.of("-Xmx512m",
          "-Dmp.messaging.incoming.feedback-in.group.id=odqa-feedback-store-" + tag));
    } else {
      this.feedback = null;
    }
    this.feedbackPrefix = "fault-" + tag + "-";
  }

  /** Starts every service of the stack at once; returns the seconds each took to be ready. */
  Map<String, Double> start() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    for (Service s : services()) {
      s.launch();
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Service s : services()) {
      s.awaitReady(t0);
      seconds.put(s.name, FaultRun.seconds(t0));
    }
    return seconds;
  }

  List<Service> services() {
    return Stream.of(ingest, qa, feedback).filter(Objects::nonNull).toList();
  }

  /**
   * A JSONL body of documents {@code from..to-1} of {@code collection}: a title and three
   * sentences, one with a token unique to the document so that a search finds it alone.
   */
  static String documents(String tag, int from, int to) {
    StringBuilder body = new StringBuilder();
    for (int i = from; i < to; i++) {
      body.append("{\"id\": \"").append(docId(tag, i)).append("\", \"title\": \"Fault document ")
          .append(i).append("\", \"text\": \"Fault document ").append(i)
          .append(" was written by the fault run ").append(tag).append(". Its unique token is ")
          .append(token(tag, i)).append(". Ada Lovelace wrote the first program for the "
              + "Analytical Engine of Charles Babbage.\"}\n");
    }
    return body.toString();
  }

  static String docId(String tag, int i) {
    return "doc-" + tag + "-" + i;
  }

  static String token(String tag, int i) {
    return "ftok" + tag.replaceAll("[^a-z0-9]", "") + "x" + i;
  }

  /** {@code POST /api/v1/documents}; the reply (202 with the job id when accepted). */
  Http.Reply submit(String collection, String jsonl) {
    return run.http.post(ingest.url() + "/api/v1/documents?collection=" + collection
        + "&format=jsonl", jsonl, "application/x-ndjson", CALL);
  }

  /**
   * Waits until job {@code id} is done or failed (or {@code limit} passed, or the service is not
   * answering for that long); returns its last state, or a missing node.
   */
  JsonNode awaitJob(String id, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    JsonNode job = Http.JSON.missingNode();
    while (System.nanoTime() < deadline) {
      Http.Reply r = run.http.get(ingest.url() + "/api/v1/jobs/" + id, CALL);
      if (r.ok()) {
        job = r.json();
        String status = job.path("status").asText();
        if (status.equals("done") || status.equals("failed")) {
          return job;
        }
      }
      Thread.sleep(250);
    }
    return job;
  }

  /** The ids of every document of {@code collection}, as ingest lists them from its index. */
  Map<String, Integer> documentIds(String collection) throws IOException {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (int offset = 0; ; offset += 500) {
      Http.Reply r = run.http.get(ingest.url() + "/api/v1/collections/" + collection
          + "/documents?limit=500&offset=" + offset, CALL);
      if (!r.ok()) {
        throw new IOException("listing " + collection + ": " + r.kind() + " " + r.body());
      }
      JsonNode items = r.json().path("items");
      for (JsonNode item : items) {
        ids.merge(item.path("id").asText(), 1, Integer::sum);
      }
      if (items.size() < 500) {
        return ids;
      }
    }
  }

  /** Of documents {@code 0..count-1} that {@code accepted} holds, those not in {@code ids}. */
  static Set<String> missing(String tag, Set<Integer> accepted, Map<String, Integer> ids) {
    Set<String> missing = new HashSet<>();
    for (int i : accepted) {
      if (!ids.containsKey(docId(tag, i))) {
        missing.add(docId(tag, i));
      }
    }
    return missing;
  }

  /** {@code POST /api/v1/ask} of {@code question} in {@code collection}. */
  Http.Reply ask(String collection, String question) {
    return run.http.postJson(qa.url() + "/api/v1/ask",
        Map.of("question", question, "collection", collection), CALL);
  }

  @Override
  public void close() throws InterruptedException {
    for (Service s : services()) {
      s.stop();
    }
  }
}
