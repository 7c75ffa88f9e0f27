package io.odqa.qa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * BEIR-style retrieval evaluation against a running QA service ({@code ./odqa eval retrieval}),
 * after Thakur et al., 2021: nDCG@10, Recall@100 and MRR@10 averaged over the queries that have
 * judgements. Each query goes to {@code POST /api/v1/retrieve} for 100 passages, and documents
 * are ranked by their best passage (the first occurrence of their id).
 *
 * <p>Usage: {@code RetrievalEval --collection NAME --queries queries.jsonl --qrels qrels.tsv
 * [--limit N] [--json] [--url URL]}. Queries are taken in the order in which the qrels file
 * first names them; {@code --limit} keeps the first N. A judged query whose text is empty or
 * absent, or whose request fails, scores 0 and still counts in {@code n}. With {@code --json}
 * the last line is {@code {"n", "ndcg@10", "recall@100", "mrr@10"}}. Exit status 2 means a bad
 * argument, 1 an unreachable service.
 */
public final class RetrievalEval {
  /** Passages asked for: enough for Recall@100 even when every passage is a new document. */
  static final int TOP_K = 100;
  private static final int PROGRESS_EVERY = 100;

  private RetrievalEval() {}

  /** One query's scores. */
  record Score(double ndcg10, double recall100, double mrr10) {
    static final Score ZERO = new Score(0, 0, 0);
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the evaluation and returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return EvalHttp.guarded("retrieval eval", err, () -> {
      Map<String, String> opts = EvalHttp.options(args,
          Set.of("--collection", "--queries", "--qrels", "--limit", "--url"), Set.of("--json"));
      String collection = EvalHttp.required(opts, "--collection");
      Path queriesFile = EvalHttp.readableFile(opts, "--queries");
      Path qrelsFile = EvalHttp.readableFile(opts, "--qrels");
      int limit = EvalHttp.limit(opts);
      EvalHttp http = new EvalHttp(EvalHttp.url(opts));
      Map<String, Map<String, Integer>> qrels = qrels(qrelsFile);
      Map<String, String> queries = queries(queriesFile);
      List<String> ids = qrels.keySet().stream().limit(limit).toList();
      if (ids.isEmpty()) {
        throw new EvalHttp.UsageException("--qrels: no judgements in '" + qrelsFile + "'");
      }
      List<Score> scores = new ArrayList<>(ids.size());
      int skipped = 0;
      for (String id : ids) {
        String text = queries.get(id);
        if (text == null || text.isBlank()) {
          err.println("retrieval eval: query " + id + " has no text; it scores 0");
          skipped++;
          scores.add(Score.ZERO);
        } else {
          scores.add(score(http, collection, id, text, qrels.get(id), err));
        }
        if (scores.size() % PROGRESS_EVERY == 0) {
          err.printf("retrieval eval: %d/%d queries%n", scores.size(), ids.size());
        }
      }
      Map<String, Object> summary = summary(scores);
      out.printf("Retrieval evaluation of collection %s on %s, %s%n", collection, queriesFile,
          qrelsFile);
      summary.forEach((name, value) -> out.printf(Locale.ROOT, "  %-12s %10s%n", name,
          value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value));
      out.printf("  %-12s %10d%n", "no text", skipped);
      EvalHttp.printJson(out, opts, summary);
      return 0;
    });
  }

  /**
   * Judgements from a BEIR qrels TSV ({@code query-id, corpus-id, score}, one header line), by
   * query in order of first appearance.
   */
  static Map<String, Map<String, Integer>> qrels(Path file) {
    List<String> lines = EvalHttp.lines(file, "--qrels");
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t");
      if (i == 0 && f[0].strip().equals("query-id")) {
        continue;
      }
      if (f.length < 3) {
        throw new EvalHttp.UsageException(file + ":" + (i + 1)
            + ": expected query-id<TAB>corpus-id<TAB>score, got '" + lines.get(i) + "'");
      }
      try {
        out.computeIfAbsent(f[0].strip(), q -> new HashMap<>())
            .put(f[1].strip(), Integer.parseInt(f[2].strip()));
      } catch (NumberFormatException e) {
        throw new EvalHttp.UsageException(
            file + ":" + (i + 1) + ": score must be an integer, got '" + f[2] + "'");
      }
    }
    return out;
  }

  /** Query text by {@code _id} from a BEIR queries JSONL file. */
  static Map<String, String> queries(Path file) {
    List<String> lines = EvalHttp.lines(file, "--queries");
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode node = EvalHttp.jsonLine(lines.get(i), file, i + 1);
      String id = EvalHttp.text(node, "_id", file, i + 1);
      out.put(id, node.path("text").asText(""));
    }
    return out;
  }

  private static Score score(EvalHttp http, String collection, String id, String text,
      Map<String, Integer> judged, PrintStream err) {
    EvalHttp.Reply reply = http.post("/api/v1/retrieve",
        Map.of("question", text, "collection", collection, "topK", TOP_K));
    if (!reply.ok()) {
      EvalHttp.reportFailure(err, "retrieve", id, reply);
      return Score.ZERO;
    }
    List<String> docIds = new ArrayList<>();
    reply.json().forEach(p -> docIds.add(p.path("docId").asText()));
    return new Score(Metrics.ndcgAt(docIds, judged, 10), Metrics.recallAt(docIds, judged, 100),
        Metrics.mrrAt(docIds, judged, 10));
  }

  static Map<String, Object> summary(List<Score> scores) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", scores.size());
    out.put("ndcg@10", Metrics.mean(scores.stream().map(Score::ndcg10).toList()));
    out.put("recall@100", Metrics.mean(scores.stream().map(Score::recall100).toList()));
    out.put("mrr@10", Metrics.mean(scores.stream().map(Score::mrr10).toList()));
    return out;
  }
}
