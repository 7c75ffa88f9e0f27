package io.odqa.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.core.api.ApiKey;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ingests SQuAD-open's corpus and MetaQA's KB through the running ingest service, then imports
 * the same KB with a plain Neo4j {@code UNWIND ... MERGE} (the peer) on the same server, and
 * prints throughput and the ratio to the peer. Collections {@code bench-squad} and
 * {@code bench-metaqa} are emptied in Neo4j first, so each run writes everything.
 *
 * <p>A document job has three stages (see {@code IngestJobs}), timed from the request: passages
 * are written (indexed in Lucene, stored in Neo4j, searchable) when the job's {@code processed}
 * reaches its total, extracted when {@code extracted} does, and embedded (dense vectors) when
 * {@code embedded} does; the job is done when all are. {@code passages_per_s} is the first,
 * {@code extraction_passages_per_s} the second, {@code embedding_passages_per_s} the third
 * (extraction and embedding run side by side, so each is timed sharing the processors).
 *
 * <p>First a warm-up (skipped with {@code --no-warmup}) ingests the first 300 documents and
 * 20,000 triples into scratch collections and deletes them, so that what is measured is the
 * steady state of the service and of Neo4j (compiled code, planned queries), as a benchmark
 * harness would do. {@code warmup_seconds} says what it cost; a run without it shows the cold
 * figures. It does not make a freshly started stack steady: three benches in a row on one fresh
 * service wrote the corpus at 432, 1,052 and 1,900 passages/s, and a warm-up of the whole corpus
 * instead of 300 documents changed the first from 432 to 481. Compiled code in three JVMs and
 * Neo4j's page cache take a few passes; report a later bench as the steady state.
 *
 * <p>The KB import and the peer run in alternation, {@code --rounds} times each (default 2),
 * each on an emptied collection: the first import after the corpus runs on a colder server, and
 * alternating keeps that from favouring either side. {@code triples_per_s} and the peer's figure
 * are the medians over rounds, {@code kb_seconds} the last round; every round is printed too.
 */
public final class IngestBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PEER = """
      UNWIND $rows AS row
      MERGE (h:BenchPeer {name: row.h})
      MERGE (t:BenchPeer {name: row.t})
      MERGE (h)-[:PEER_REL {type: row.r}]->(t)
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String ingestUrl;

  private IngestBench(String ingestUrl) {
    this.ingestUrl = ingestUrl;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int rounds = rounds(opts.getOrDefault("--rounds", "2"));
    Path data = Path.of(opts.getOrDefault("--data", "../shared/data"));
    Path corpus = data.resolve("squad-open/corpus.jsonl");
    Path kb = data.resolve("metaqa/kb.txt");
    if (!Files.isRegularFile(corpus) || !Files.isRegularFile(kb)) {
      System.err.println("bench ingest needs " + corpus + " and " + kb + "; skipping");
      System.exit(2);
    }
    if (!new IngestBench(opts.getOrDefault("--ingest-url", "http://127.0.0.1:8081")).reachable()) {
      System.err.println("bench ingest: the ingest service is not reachable; start it with ./odqa up");
      System.exit(1);
    }
    IngestBench bench = new IngestBench(opts.getOrDefault("--ingest-url", "http://127.0.0.1:8081"));
    try (GraphClient graph = GraphClient.connect(Neo4jSettings.fromEnvironment())) {
      Map<String, Object> result = new LinkedHashMap<>();
      if (!opts.containsKey("--no-warmup")) {
        result.put("warmup_seconds", round(bench.warmUp(graph, corpus, kb)));
      }
      empty(graph, "bench-squad");
      JsonNode docs = bench.run("/api/v1/documents?collection=bench-squad&format=squad", corpus);
      List<Double> ours = new ArrayList<>();
      List<Double> peers = new ArrayList<>();
      JsonNode facts = null;
      for (int round = 0; round < rounds; round++) {
        empty(graph, "bench-metaqa");
        facts = bench.run("/api/v1/triples?collection=bench-metaqa&format=pipe", kb);
        ours.add(facts.at("/counters/triples").asLong() / facts.get("seconds").asDouble());
        peers.add(peer(graph, kb));
      }
      double peer = median(peers);
      double docSeconds = docs.get("seconds").asDouble();
      double writtenSeconds = docs.get("written_seconds").asDouble();
      double extractedSeconds = docs.get("extracted_seconds").asDouble();
      double embeddedSeconds = docs.get("embedded_seconds").asDouble();
      double kbSeconds = facts.get("seconds").asDouble();
      long passages = docs.at("/counters/passages").asLong();
      long kbTriples = facts.at("/counters/triples").asLong();
      result.put("passages_per_s", round(passages / writtenSeconds));
      result.put("extraction_passages_per_s", round(passages / extractedSeconds));
      result.put("embedding_passages_per_s", round(passages / embeddedSeconds));
      result.put("triples_per_s", round(median(ours)));
      result.put("seconds", round(docSeconds + kbSeconds));
      result.put("passages_written_seconds", round(writtenSeconds));
      result.put("passages_extracted_seconds", round(extractedSeconds));
      result.put("passages_embedded_seconds", round(embeddedSeconds));
      result.put("kb_seconds", round(kbSeconds));
      result.put("documents", docs.at("/counters/documents").asLong());
      result.put("passages", passages);
      result.put("extracted_triples", docs.at("/counters/triples").asLong());
      result.put("kb_triples", kbTriples);
      result.put("kb_entities", facts.at("/counters/entities").asLong());
      result.put("peer_triples_per_s", round(peer));
      result.put("triples_ratio_vs_peer", round(median(ours) / peer));
      result.put("triples_per_s_rounds", ours.stream().map(IngestBench::round).toList());
      result.put("peer_triples_per_s_rounds", peers.stream().map(IngestBench::round).toList());
      print(result, opts.containsKey("--json"));
    }
  }

  /** Runs a slice of both inputs through the service into scratch collections; returns seconds. */
  private double warmUp(GraphClient graph, Path corpus, Path kb)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Path docs = slice(corpus, 300);
    Path facts = slice(kb, 20_000);
    try {
      empty(graph, "bench-warmup");
      run("/api/v1/documents?collection=bench-warmup&format=squad", docs);
      run("/api/v1/triples?collection=bench-warmup&format=pipe", facts);
      empty(graph, "bench-warmup");
    } finally {
      Files.deleteIfExists(docs);
      Files.deleteIfExists(facts);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The first {@code lines} lines of {@code file}, in a temporary file. */
  private static Path slice(Path file, int lines) throws IOException {
    Path slice = Files.createTempFile("odqa-bench-", ".txt");
    try (var in = Files.lines(file)) {
      Files.write(slice, (Iterable<String>) in.limit(lines)::iterator);
    }
    return slice;
  }

  /** {@code --rounds} as a whole number in [1, 20]; anything else ends the command (status 2). */
  private static int rounds(String value) {
    try {
      int rounds = Integer.parseInt(value);
      if (rounds >= 1 && rounds <= 20) {
        return rounds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    System.err.println("bench ingest: --rounds must be a whole number in [1, 20], got '" + value + "'");
    System.exit(2);
    return 0;
  }

  private static void empty(GraphClient graph, String collection) {
    graph.autoCommit("MATCH (n {collection: $c}) CALL { WITH n DETACH DELETE n } "
        + "IN TRANSACTIONS OF 10000 ROWS", Map.of("c", collection));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private boolean reachable() throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/q/health/live")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Posts {@code file} to {@code path}, waits for the job, returns its state with {@code seconds}
   * (until done) and {@code written_seconds}, {@code extracted_seconds} and
   * {@code embedded_seconds} (until every item was through that stage).
   */
  private JsonNode run(String path, Path file) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> posted = http.send(ApiKey.attach(
        HttpRequest.newBuilder(URI.create(ingestUrl + path)), ApiKey.fromEnvironment())
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 202) {
      throw new IllegalStateException(path + " answered " + posted.statusCode() + ": " + posted.body());
    }
    String job = JSON.readTree(posted.body()).get("jobId").asText();
    Map<String, Double> stages = new LinkedHashMap<>();
    while (true) {
      JsonNode state = JSON.readTree(http.send(HttpRequest.newBuilder(
          URI.create(ingestUrl + "/api/v1/jobs/" + job)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      double seconds = (System.nanoTime() - start) / 1e9;
      for (String stage : List.of("processed", "extracted", "embedded")) {
        if (!stages.containsKey(stage) && state.path(stage).asLong() == state.get("total").asLong()) {
          stages.put(stage, seconds);
        }
      }
      String status = state.get("status").asText();
      if (status.equals("done") || status.equals("failed")) {
        if (status.equals("failed")) {
          throw new IllegalStateException("job " + job + " failed: " + state.get("error"));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) state).put("seconds", seconds)
            .put("written_seconds", stages.getOrDefault("processed", seconds))
            .put("extracted_seconds", stages.getOrDefault("extracted", seconds))
            .put("embedded_seconds", stages.getOrDefault("embedded", seconds));
        return state;
      }
      Thread.sleep(20);
    }
  }

  /** Triples per second of a plain batched UNWIND/MERGE import of {@code kb}. */
  private static double peer(GraphClient graph, Path kb) throws IOException {
    graph.write(tx -> tx.run("CREATE CONSTRAINT bench_peer_name IF NOT EXISTS "
        + "FOR (e:BenchPeer) REQUIRE e.name IS UNIQUE").consume());
    List<String> lines = Files.readAllLines(kb);
    long start = System.nanoTime();
    for (int i = 0; i < lines.size(); i += 10_000) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String line : lines.subList(i, Math.min(lines.size(), i + 10_000))) {
        String[] p = line.split("\\|", -1);
        if (p.length == 3 && !p[0].isBlank() && !p[2].isBlank()) {
          rows.add(Map.of("h", p[0], "r", p[1], "t", p[2]));
        }
      }
      graph.write(tx -> tx.run(PEER, Map.of("rows", rows)).consume());
    }
    double perSecond = lines.size() / ((System.nanoTime() - start) / 1e9);
    graph.autoCommit("MATCH (e:BenchPeer) CALL { WITH e DETACH DELETE e } "
        + "IN TRANSACTIONS OF 10000 ROWS", Map.of());
    return perSecond;
  }

  private static void print(Map<String, Object> result, boolean json) throws IOException {
    result.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-24s %s%n", k, v));
    if (json) {
      System.out.println(JSON.writeValueAsString(result));
    }
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      boolean valued = i + 1 < args.length && !args[i + 1].startsWith("--");
      opts.put(args[i], valued ? args[++i] : "true");
    }
    return opts;
  }
}
