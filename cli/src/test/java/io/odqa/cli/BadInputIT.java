package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The bad-input suite (#12 part 5): more than 500 malformed requests, built from a table of
 * endpoints and a table of malformations, against the packaged ingest, qa-service and feedback
 * services on the real Kafka and Neo4j, then malformed records on each topic they read. Every
 * request must get a 4xx with a problem+json body that names the problem (text that merely looks
 * like Lucene or Cypher syntax is a legitimate question and must be answered instead); none may
 * get a 5xx or lose its connection; afterwards every service is healthy, what was stored before
 * is unchanged, and hostile entity names are stored verbatim.
 */
class BadInputIT {
  private static final String COLLECTION = "bad-input";
  /** Triples with hostile names go to their own collection, so the snapshot stays exact. */
  private static final String NAMES = "bad-input-names";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";

  /** What a case must get: a 4xx problem, or (text that only looks like syntax) an answer. */
  enum Expect { PROBLEM, ANSWER }

  /** One request: {@code service} is ingest, qa or feedback; {@code key} sends the API key. */
  record Case(String endpoint, String what, String service, String method, String path,
      String contentType, byte[] body, Expect expect, boolean key) {}

  /** A JSON endpoint and a valid body for it, from which the malformations are made. */
  record JsonEndpoint(String service, String method, String path, String validBody) {}

  private final Map<String, String> urls = new HashMap<>();

  @Test
  void everyMalformedRequestGetsAProblemAndNothingStoredChanges() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path dir = Files.createTempDirectory("odqa-bad-input-it");
    TestStack.deleteGraph(COLLECTION);
    TestStack.deleteGraph(NAMES);
    Path encoder = TestStack.denseEncoder();
    Map<String, String> env = TestStack.baseEnv(run, dir);
    Map<String, String> ingestEnv = TestStack.ingestEnv(env, run, encoder);
    String documentsTopic = ingestEnv.get("ODQA_DOCUMENTS_TOPIC");
    String feedbackTopic = "odqa.feedback.it-" + run;
    try (ServiceProcess ingest = ServiceProcess.start("ingest", TestStack.jar("ingest"),
            ingestEnv, dir);
        ServiceProcess qa = ServiceProcess.start("qa-service", TestStack.jar("qa-service"),
            TestStack.qaEnv(env, encoder), dir)) {
      TestStack.ingestDemo(ingest, COLLECTION);
      Map<String, String> fbEnv = new HashMap<>(env);
      fbEnv.put("ODQA_QA_URL", qa.url());
      fbEnv.put("ODQA_FEEDBACK_TOPIC", feedbackTopic);
      fbEnv.put("ODQA_MODEL_REGISTRY", dir.resolve("registry").toString());
      fbEnv.put("ODQA_TRIGGER_RETUNE_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_REFRESH_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_GRAPH_REFRESH_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_ACCURACY_WINDOW", "0");
      try (ServiceProcess feedback = ServiceProcess.start("feedback", TestStack.jar("feedback"),
          fbEnv, dir)) {
        urls.put("ingest", ingest.url());
        urls.put("qa", qa.url());
        urls.put("feedback", feedback.url());
        seedFeedback(3);
        Map<String, JsonNode> before = snapshot();

        List<Case> cases = cases();
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
          String failure = send(c, outcomes);
          if (failure != null) {
            failures.add(failure);
          }
        }
        int records = sendToTopics(documentsTopic, feedbackTopic, env);
        Thread.sleep(5_000);

        for (String service : List.of("ingest", "qa", "feedback")) {
          HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
              URI.create(urls.get(service) + "/q/health/ready")).build(),
              HttpResponse.BodyHandlers.ofString());
          if (health.statusCode() != 200) {
            failures.add(service + " not ready afterwards: " + health.body());
          }
        }
        Map<String, JsonNode> after = snapshot();
        for (String key : before.keySet()) {
          if (!before.get(key).equals(after.get(key))) {
            failures.add("stored state changed: " + key + " " + before.get(key) + " -> "
                + after.get(key));
          }
        }
        failures.addAll(hostileNamesStoredVerbatim());
        for (ServiceProcess s : List.of(ingest, qa, feedback)) {
          String log = s.log();
          if (log.contains(ServiceProcess.OPERATOR_KEY)) {
            failures.add("the API key appears in a service log");
          }
          if (log.contains(System.getenv().getOrDefault("NEO4J_PASSWORD", "odqa-local-pass"))) {
            failures.add("the Neo4j password appears in a service log");
          }
        }

        ObjectNode summary = LoopEndToEndIT.JSON.createObjectNode();
        summary.put("requests", cases.size());
        summary.put("topicRecords", records);
        summary.set("perEndpoint", LoopEndToEndIT.JSON.valueToTree(outcomes));
        summary.put("failures", failures.size());
        System.out.println("[bad-input] " + summary.toPrettyString());
        assertTrue(cases.size() >= 500, "only " + cases.size() + " cases");
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n"
            + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
      }
    } finally {
      TestStack.deleteGraph(COLLECTION);
      TestStack.deleteGraph(NAMES);
    }
  }

  // --- the tables -----------------------------------------------------------------------------

  private static List<JsonEndpoint> jsonEndpoints() {
    String ask = "{\"question\": \"Who created Lucene?\", \"collection\": \"" + COLLECTION
        + "\", \"topK\": 3}";
    return List.of(
        new JsonEndpoint("qa", "POST", "/api/v1/ask", ask),
        new JsonEndpoint("qa", "POST", "/api/v1/ask/explain", ask),
        new JsonEndpoint("qa", "POST", "/api/v1/retrieve", ask),
        new JsonEndpoint("qa", "POST", "/api/v1/read", "{\"question\": \"Who created Lucene?\","
            + " \"collection\": \"" + COLLECTION + "\", \"docId\": \"lucene\"}"),
        new JsonEndpoint("qa", "POST", "/api/v1/kg", "{\"question\": \"Who created Lucene?\","
            + " \"collection\": \"" + COLLECTION + "\"}"),
        new JsonEndpoint("qa", "POST", "/api/v1/admin/rollback", "{\"kind\": \"config\"}"),
        new JsonEndpoint("qa", "PUT", "/api/v1/admin/reader/batching", "{\"enabled\": true}"),
        new JsonEndpoint("qa", "POST", "/api/v1/eval/sessions", "{\"collection\": \""
            + COLLECTION + "\", \"questions\": [{\"id\": \"q1\", \"question\": \"Who created"
            + " Lucene?\", \"answers\": [\"Doug Cutting\"]}]}"),
        new JsonEndpoint("feedback", "POST", "/api/v1/feedback", "{\"question\": \"Who created"
            + " Lucene?\", \"answer\": \"Doug Cutting\", \"verdict\": \"correct\","
            + " \"collection\": \"" + COLLECTION + "\"}"),
        new JsonEndpoint("feedback", "POST", "/api/v1/jobs", "{\"kind\": \"retune\","
            + " \"collection\": \"" + COLLECTION + "\", \"trials\": 2}"),
        new JsonEndpoint("feedback", "POST", "/api/v1/models/no-such-model/promote",
            "{\"reason\": \"test\", \"collection\": \"" + COLLECTION + "\"}"));
  }

  /** Malformed bodies that no JSON endpoint may accept: name -> raw bytes. */
  private static Map<String, byte[]> malformedBodies(String valid) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("empty body", new byte[0]);
    m.put("null", utf8("null"));
    m.put("array", utf8("[]"));
    m.put("string", utf8("\"text\""));
    m.put("number", utf8("42"));
    m.put("open brace", utf8("{"));
    m.put("truncated", utf8(valid.substring(0, valid.length() / 2)));
    m.put("trailing garbage", utf8(valid + " xyz"));
    m.put("two documents", utf8(valid + valid));
    m.put("comment", utf8("/* c */ " + valid));
    m.put("single quotes", utf8(valid.replace('"', '\'')));
    m.put("NaN", utf8("{\"x\": NaN}"));
    m.put("unquoted key", utf8("{question: \"q\"}"));
    m.put("duplicate keys", utf8(duplicateFirstKey(valid)));
    m.put("deep arrays", utf8("[".repeat(100_000) + "]".repeat(100_000)));
    m.put("deep objects", utf8("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
    m.put("invalid UTF-8", invalidUtf8(valid));
    m.put("overlong UTF-8", overlongUtf8(valid));
    m.put("raw control character", utf8(replaceFirstString(valid, "a\u0001b")));
    m.put("lone surrogate", utf8(replaceFirstString(valid, "\\ud800x")));
    m.put("escaped NUL", utf8(replaceFirstString(valid, "a\\u0000b")));
    m.put("only whitespace", utf8("   \n\t "));
    return m;
  }

  /** Every field of the valid body set to values of the wrong type. */
  private static Map<String, byte[]> wrongTypes(String valid) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    JsonNode node = LoopEndToEndIT.JSON.readTree(valid);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      JsonNode value = node.get(field);
      List<String> wrong = value.isTextual()
          ? List.of("123", "true", "[\"a\"]", "{\"a\": 1}")
          : value.isNumber() ? List.of("\"three\"", "[3]", "1e400", "-1", "3.5")
          : value.isBoolean() ? List.of("\"yes\"", "1", "[]")
          : List.of("\"text\"", "7", "{\"a\": [1, {}]}");
      for (String w : wrong) {
        ObjectNode copy = node.deepCopy();
        copy.set(field, LoopEndToEndIT.JSON.readTree(w));
        m.put(field + "=" + w, utf8(copy.toString()));
      }
      ObjectNode missing = node.deepCopy();
      missing.remove(field);
      if (!"collection".equals(field) && !"topK".equals(field) && !"trials".equals(field)
          && !"reason".equals(field)) {
        m.put("without " + field, utf8(missing.toString()));
      }
      if (value.isTextual()) {
        ObjectNode huge = node.deepCopy();
        huge.put(field, "x".repeat(200_000));
        m.put(field + " of 200,000 characters", utf8(huge.toString()));
        if (!"collection".equals(field)) {
          // A blank collection means the default one, as an absent one does (CollectionName).
          ObjectNode blank = node.deepCopy();
          blank.put(field, " \t ");
          m.put(field + " blank", utf8(blank.toString()));
        }
      }
    }
    return m;
  }

  /** Collection names and ids that try to leave their directory, or are not names at all. */
  private static List<String> hostileNames() {
    return List.of("..", "..%2F..%2Fetc%2Fpasswd", "..%2F" + COLLECTION, "%2Fetc%2Fpasswd",
        "a%00b", "Upper", "x".repeat(300), "%E2%80%AE", "a%20b", "%27%20OR%201%3D1");
  }

  private List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (JsonEndpoint e : jsonEndpoints()) {
      String endpoint = e.service() + " " + e.method() + " " + e.path();
      for (Map.Entry<String, byte[]> m : malformedBodies(e.validBody()).entrySet()) {
        cases.add(new Case(endpoint, m.getKey(), e.service(), e.method(), e.path(), JSON,
            m.getValue(), Expect.PROBLEM, true));
      }
      for (Map.Entry<String, byte[]> m : wrongTypes(e.validBody()).entrySet()) {
        if (e.path().endsWith("/promote") && m.getKey().startsWith("without ")) {
          continue;
        }
        cases.add(new Case(endpoint, m.getKey(), e.service(), e.method(), e.path(), JSON,
            m.getValue(), Expect.PROBLEM, true));
      }
      cases.add(new Case(endpoint, "text/plain", e.service(), e.method(), e.path(),
          "text/plain", utf8(e.validBody()), Expect.PROBLEM, true));
      cases.add(new Case(endpoint, "XML", e.service(), e.method(), e.path(),
          "application/xml", utf8("<q>Who?</q>"), Expect.PROBLEM, true));
      cases.add(new Case(endpoint, "over the body limit", e.service(), e.method(), e.path(),
          JSON, utf8("{\"question\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}"),
          Expect.PROBLEM, true));
      if (!"-".equals(publicOrRole(e))) {
        cases.add(new Case(endpoint, "no API key", e.service(), e.method(), e.path(), JSON,
            utf8(e.validBody()), Expect.PROBLEM, false));
      }
    }
    // Text that looks like query syntax is a question like any other: answered, never a 4xx
    // or 5xx, and never run as Lucene or Cypher.
    for (String q : List.of("title:(lucene AND java)^3", "*:*", "\"unclosed phrase", "a~2 OR b*",
        "[a TO z]", "+-&&||!(){}[]^\"~*?:\\/", "\\", "AND OR NOT", "}) MATCH (n) DETACH DELETE n //",
        "' OR 1=1; MATCH (n) RETURN n", "$param {a: 1}", "Who created ${jndi:ldap://x}?")) {
      String body = LoopEndToEndIT.JSON.createObjectNode().put("question", q)
          .put("collection", COLLECTION).toString();
      for (String path : List.of("/api/v1/ask", "/api/v1/ask/explain", "/api/v1/retrieve",
          "/api/v1/kg")) {
        cases.add(new Case("qa POST " + path, "syntax " + q, "qa", "POST", path, JSON,
            utf8(body), Expect.ANSWER, false));
      }
    }
    for (String name : hostileNames()) {
      cases.add(get("ingest", "/api/v1/collections/" + name, "collection " + name));
      cases.add(get("ingest", "/api/v1/collections/" + name + "/documents", "collection " + name));
      cases.add(get("ingest", "/api/v1/jobs/" + name, "job " + name));
      cases.add(new Case("ingest POST /api/v1/jobs/{id}/retry", "job " + name, "ingest", "POST",
          "/api/v1/jobs/" + name + "/retry", null, new byte[0], Expect.PROBLEM, true));
      cases.add(new Case("ingest POST /api/v1/documents", "collection " + name, "ingest", "POST",
          "/api/v1/documents?format=jsonl&collection=" + name, "application/octet-stream",
          utf8("{\"id\": \"d\", \"text\": \"t\"}\n"), Expect.PROBLEM, true));
      cases.add(new Case("ingest POST /api/v1/triples", "collection " + name, "ingest", "POST",
          "/api/v1/triples?format=pipe&collection=" + name, "text/plain",
          utf8("a|rel|b\n"), Expect.PROBLEM, true));
      cases.add(new Case("ingest DELETE /api/v1/documents/{id}", "collection " + name, "ingest",
          "DELETE", "/api/v1/documents/d?collection=" + name, null, null, Expect.PROBLEM, true));
      cases.add(new Case("ingest DELETE /api/v1/documents/{id}", "id " + name, "ingest",
          "DELETE", "/api/v1/documents/" + name + "?collection=" + COLLECTION, null, null,
          Expect.PROBLEM, true));
      cases.add(get("qa", "/api/v1/passages/" + name + "?collection=" + COLLECTION,
          "passage " + name));
      cases.add(get("qa", "/api/v1/passages/p?collection=" + name, "collection " + name));
      cases.add(get("qa", "/api/v1/documents/" + name + "/passages?collection=" + COLLECTION,
          "document " + name));
      cases.add(get("feedback", "/api/v1/feedback/" + name, "event " + name));
      cases.add(get("feedback", "/api/v1/feedback?collection=" + name, "collection " + name));
      cases.add(get("feedback", "/api/v1/studies/" + name + "/trials", "study " + name));
      cases.add(new Case("feedback POST /api/v1/models/{version}/promote", "version " + name,
          "feedback", "POST", "/api/v1/models/" + name + "/promote", null, null, Expect.PROBLEM,
          true));
    }
    for (String q : List.of("limit=abc", "limit=-1", "limit=0", "limit=1000000", "offset=-5",
        "offset=x", "limit=1e9", "limit=%00")) {
      cases.add(get("ingest", "/api/v1/collections/" + COLLECTION + "/documents?" + q, q));
      cases.add(get("feedback", "/api/v1/feedback?" + q, q));
      cases.add(get("feedback", "/api/v1/studies/no-such-study/trials?" + q, q));
    }
    cases.add(get("feedback", "/api/v1/feedback?verdict=maybe", "verdict maybe"));
    cases.add(get("feedback", "/api/v1/feedback/timeline?bucket=century", "bucket century"));
    cases.add(get("feedback", "/api/v1/decisions?kind=everything", "kind everything"));
    // Documents and triples: whole requests that are wrong, and batches over their limits.
    String docs = "/api/v1/documents?collection=" + COLLECTION;
    cases.add(new Case("ingest POST /api/v1/documents", "unknown format", "ingest", "POST",
        docs + "&format=docx", "application/octet-stream", utf8("{}"), Expect.PROBLEM, true));
    cases.add(new Case("ingest POST /api/v1/documents", "empty body", "ingest", "POST",
        docs + "&format=jsonl", "application/octet-stream", new byte[0], Expect.PROBLEM, true));
    cases.add(new Case("ingest POST /api/v1/documents", "over 100,000 documents", "ingest",
        "POST", docs + "&format=jsonl", "application/octet-stream",
        utf8("{\"id\":\"d\",\"text\":\"t\"}\n".repeat(100_001)), Expect.PROBLEM, true));
    cases.add(new Case("ingest POST /api/v1/documents", "no API key", "ingest", "POST",
        docs + "&format=jsonl", "application/octet-stream",
        utf8("{\"id\":\"d\",\"text\":\"t\"}\n"), Expect.PROBLEM, false));
    cases.add(new Case("ingest POST /api/v1/documents", "wrong API key", "ingest", "POST",
        docs + "&format=jsonl", "application/octet-stream",
        utf8("{\"id\":\"d\",\"text\":\"t\"}\n"), Expect.PROBLEM, false));
    cases.add(new Case("ingest POST /api/v1/triples", "empty body", "ingest", "POST",
        "/api/v1/triples?format=pipe&collection=" + COLLECTION, "text/plain", new byte[0],
        Expect.PROBLEM, true));
    cases.add(new Case("ingest POST /api/v1/triples", "unknown format", "ingest", "POST",
        "/api/v1/triples?format=rdfxml&collection=" + COLLECTION, "text/plain",
        utf8("a|b|c"), Expect.PROBLEM, true));
    // Endpoints and methods that do not exist.
    cases.add(new Case("qa GET /api/v1/ask", "wrong method", "qa", "GET", "/api/v1/ask", null,
        null, Expect.PROBLEM, false));
    cases.add(new Case("qa DELETE /api/v1/ask", "wrong method", "qa", "DELETE", "/api/v1/ask",
        null, null, Expect.PROBLEM, false));
    cases.add(get("qa", "/api/v1/no-such-endpoint", "unknown path"));
    cases.add(get("ingest", "/api/v1/no-such-endpoint", "unknown path"));
    cases.add(get("feedback", "/api/v1/no-such-endpoint", "unknown path"));
    return cases;
  }

  private static String publicOrRole(JsonEndpoint e) {
    return e.path().startsWith("/api/v1/admin") || e.path().startsWith("/api/v1/eval")
        || e.path().startsWith("/api/v1/jobs") || e.path().endsWith("/promote") ? "operator" : "-";
  }

  private static Case get(String service, String path, String what) {
    String endpoint = service + " GET " + path.replaceAll("\\?.*", "")
        .replaceAll("/(collections|jobs|passages|documents|feedback|studies)/[^/]+",
            "/$1/{id}");
    return new Case(endpoint, what, service, "GET", path, null, null, Expect.PROBLEM, true);
  }

  // --- sending and checking -------------------------------------------------------------------

  /** Sends {@code c}; returns what was wrong, or null. Counts outcomes per endpoint. */
  private String send(Case c, Map<String, Map<String, Integer>> outcomes) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(c.service())
        + c.path())).timeout(Duration.ofSeconds(120)).header("Accept", JSON + ", " + PROBLEM);
    if (c.key()) {
      request.header("X-API-Key", ServiceProcess.OPERATOR_KEY);
    } else if ("wrong API key".equals(c.what())) {
      request.header("X-API-Key", "not-" + ServiceProcess.OPERATOR_KEY);
    }
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    request.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
    String label = c.endpoint() + " [" + c.what() + "]";
    HttpResponse<String> r;
    try {
      r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      count(outcomes, c.endpoint(), "dropped");
      return label + ": connection failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    int status = r.statusCode();
    count(outcomes, c.endpoint(), status / 100 + "xx");
    if (status >= 500) {
      return label + ": " + status + " " + abbreviate(r.body());
    }
    if (c.expect() == Expect.ANSWER) {
      return status == 200 ? null : label + ": expected an answer, got " + status + " "
          + abbreviate(r.body());
    }
    if (status < 400) {
      return label + ": accepted with " + status + " " + abbreviate(r.body());
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith(PROBLEM)) {
      return label + ": " + status + " with Content-Type '" + type + "' " + abbreviate(r.body());
    }
    try {
      JsonNode problem = LoopEndToEndIT.JSON.readTree(r.body());
      if (problem.path("status").asInt() != status || problem.path("detail").asText().isBlank()) {
        return label + ": problem body without status or detail: " + abbreviate(r.body());
      }
    } catch (IOException e) {
      return label + ": problem body is not JSON: " + abbreviate(r.body());
    }
    return null;
  }

  private static void count(Map<String, Map<String, Integer>> outcomes, String endpoint,
      String outcome) {
    outcomes.computeIfAbsent(endpoint, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
  }

  /** Malformed records on every topic the services read; returns how many were sent. */
  private static int sendToTopics(String documentsTopic, String feedbackTopic,
      Map<String, String> env) {
    List<byte[]> garbage = List.of(new byte[0], utf8("not json"), utf8("{"), utf8("[]"),
        utf8("null"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, utf8("{\"collection\": \""
            + "../../etc\", \"id\": \"x\", \"text\": \"y\"}"), utf8("{\"kind\": \"model\","
            + " \"version\": \"evil\", \"dir\": \"/etc\"}"), utf8("{\"version\": \"x\","
            + " \"topK\": -5, \"retrieval\": {\"mode\": \"telepathy\"}}"),
        utf8("{\"question\": 5, \"verdict\": \"maybe\"}"));
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", Kafka.bootstrap());
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    props.put("acks", "all");
    int sent = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (String topic : List.of(documentsTopic, feedbackTopic, env.get("ODQA_CONFIG_TOPIC"),
          env.get("ODQA_MODELS_TOPIC"))) {
        for (byte[] value : garbage) {
          producer.send(new ProducerRecord<>(topic, utf8("bad-" + sent), value));
          sent++;
        }
      }
      producer.flush();
    }
    return sent;
  }

  // --- state ----------------------------------------------------------------------------------

  private void seedFeedback(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      HttpResponse<String> r = HTTP.send(ServiceProcess.request(urls.get("feedback")
              + "/api/v1/feedback").header("Content-Type", JSON)
          .POST(HttpRequest.BodyPublishers.ofString(LoopEndToEndIT.JSON.createObjectNode()
              .put("eventId", "bad-input-seed-" + i).put("collection", COLLECTION)
              .put("question", "Who created Lucene?").put("answer", "Doug Cutting")
              .put("verdict", "correct").toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(202, r.statusCode(), r.body());
    }
    long deadline = System.currentTimeMillis() + 60_000;
    while (storedFeedback() < n) {
      assertTrue(System.currentTimeMillis() < deadline, "seed feedback not stored");
      Thread.sleep(500);
    }
  }

  private long storedFeedback() throws Exception {
    return LoopEndToEndIT.get(urls.get("feedback") + "/api/v1/feedback/stats?collection="
        + COLLECTION).path("stored").asLong();
  }

  /** What the malformed requests must leave as it was. */
  private Map<String, JsonNode> snapshot() throws Exception {
    Map<String, JsonNode> s = new LinkedHashMap<>();
    s.put("collection", LoopEndToEndIT.get(urls.get("ingest") + "/api/v1/collections/"
        + COLLECTION));
    s.put("champions", LoopEndToEndIT.get(urls.get("qa") + "/api/v1/champions"));
    s.put("feedback", LoopEndToEndIT.get(urls.get("feedback")
        + "/api/v1/feedback/stats?collection=" + COLLECTION));
    JsonNode answer = LoopEndToEndIT.post(urls.get("qa") + "/api/v1/ask", Map.of("question",
        "Who created Lucene?", "collection", COLLECTION, "topK", 3), 200);
    s.put("answer", answer.path("answers").path(0).path("text"));
    try (GraphClient graph = GraphClient.connect(Neo4jSettings.fromEnvironment())) {
      long nodes = graph.read(tx -> tx.run("MATCH (n) WHERE n.collection = $c RETURN count(n)",
          Map.of("c", COLLECTION)).single().get(0).asLong());
      s.put("graph nodes", LoopEndToEndIT.JSON.getNodeFactory().numberNode(nodes));
    }
    return s;
  }

  /** Hostile names through the triples API: accepted, and stored exactly as sent. */
  private List<String> hostileNamesStoredVerbatim() throws Exception {
    List<String> names = List.of("x'}) MATCH (n) DETACH DELETE n //", "Robert\"); DROP",
        "$where {a: 1}", "name` WITH n MATCH (m) DELETE m //", "title:(a OR b)^2",
        "\u202Eevil\u202C", "Ω≈ç√ 漢字 😀");
    StringBuilder lines = new StringBuilder();
    for (String name : names) {
      lines.append(name).append("|related_to|").append("target ").append(name.length())
          .append('\n');
    }
    HttpResponse<String> r = HTTP.send(ServiceProcess.request(urls.get("ingest")
            + "/api/v1/triples?format=pipe&collection=" + NAMES).header("Content-Type",
            "text/plain").POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    List<String> failures = new ArrayList<>();
    if (r.statusCode() != 202) {
      failures.add("hostile names: triples answered " + r.statusCode() + " " + r.body());
      return failures;
    }
    String job = LoopEndToEndIT.JSON.readTree(r.body()).path("jobId").asText();
    ServiceProcessJobs.await(urls.get("ingest"), job);
    try (GraphClient graph = GraphClient.connect(Neo4jSettings.fromEnvironment())) {
      for (String name : names) {
        long found = graph.read(tx -> tx.run(
            "MATCH (e) WHERE e.collection = $c AND e.name = $n RETURN count(e)",
            Map.of("c", NAMES, "n", name)).single().get(0).asLong());
        if (found != 1) {
          failures.add("hostile name not stored verbatim once: " + name + " (" + found + ")");
        }
      }
    }
    return failures;
  }

  /** Waits for an ingest job by URL (the triples job of the hostile names). */
  private static final class ServiceProcessJobs {
    static void await(String ingestUrl, String job) throws Exception {
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline) {
        String status = LoopEndToEndIT.get(ingestUrl + "/api/v1/jobs/" + job).path("status")
            .asText();
        assertTrue(!"failed".equals(status), "hostile names job failed");
        if ("done".equals(status)) {
          return;
        }
        Thread.sleep(500);
      }
      throw new AssertionError("hostile names job did not finish");
    }
  }

  // --- bytes ----------------------------------------------------------------------------------

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  /** {@code {"q":"a","q":"a", ...}}: the first key repeated. */
  private static String duplicateFirstKey(String valid) {
    int colon = valid.indexOf(':');
    int comma = valid.indexOf(',');
    String first = valid.substring(1, comma < 0 ? valid.length() - 1 : comma).strip();
    return colon < 0 ? valid : "{" + first + ", " + valid.substring(1);
  }

  /** The first string value replaced by {@code json} (already JSON-escaped as needed). */
  private static String replaceFirstString(String valid, String json) {
    int colon = valid.indexOf(": \"");
    if (colon < 0) {
      return "{\"question\": \"" + json + "\"}";
    }
    int start = colon + 3;
    int end = valid.indexOf('"', start);
    return valid.substring(0, start) + json + valid.substring(end);
  }

  private static byte[] invalidUtf8(String valid) {
    return splice(valid, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFE});
  }

  private static byte[] overlongUtf8(String valid) {
    return splice(valid, new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xE0, (byte) 0x80,
        (byte) 0xAF});
  }

  /** The valid body with {@code raw} bytes inside its first string value. */
  private static byte[] splice(String valid, byte[] raw) {
    String marker = replaceFirstString(valid, "@@");
    int at = marker.indexOf("@@");
    byte[] head = utf8(marker.substring(0, at));
    byte[] tail = utf8(marker.substring(at + 2));
    byte[] out = new byte[head.length + raw.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(raw, 0, out, head.length, raw.length);
    System.arraycopy(tail, 0, out, head.length + raw.length, tail.length);
    return out;
  }
}
