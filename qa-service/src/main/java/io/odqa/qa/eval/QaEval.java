package io.odqa.qa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.reader.read.SquadMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Open-domain QA evaluation against a running QA service ({@code ./odqa eval qa}). For each
 * question of a SQuAD-open JSONL file it asks {@code POST /api/v1/ask} (top 20 passages) and
 * scores document recall@1/5/20 of the gold {@code context_id}, end-to-end SQuAD EM/F1 of the
 * best answer and the client-side latency; then it asks {@code POST /api/v1/read} on the gold
 * document alone, so that the reader's EM/F1 is known apart from retrieval. A wrong answer is
 * blamed on the reader when retrieval@5 hit ({@code reader_errors}) and on retrieval when
 * retrieval@20 missed ({@code retrieval_misses}).
 *
 * <p>Usage: {@code QaEval --collection NAME --questions FILE [--limit N] [--json] [--url URL]}.
 * With {@code --json} the last line printed is one JSON object of the metrics, fractions in
 * [0, 1] and latencies in ms, for {@link RegressionCheck}. Exit status 2 means a bad argument, 1
 * an unreachable service.
 */
public final class QaEval {
  /** Passages asked for; the deepest recall reported. */
  static final int TOP_K = 20;
  private static final int PROGRESS_EVERY = 100;

  private QaEval() {}

  /** One question of the JSONL file. */
  record Question(String id, String question, String contextId, List<String> answers) {}

  /**
   * The scores of one question, each 0 or 1 except the F1s; {@code latencyMs} is null when the
   * ask failed, so that fast error replies do not flatter the latency percentiles.
   */
  record Score(double recall1, double recall5, double recall20, double readerEm,
      double readerF1, double em, double f1, Double latencyMs, boolean failed, Cost cost) {
    static final Score FAILED = new Score(0, 0, 0, 0, 0, 0, 0, null, true, Cost.NONE);

    boolean readerError() {
      return !failed && recall5 == 1 && em == 0;
    }

    boolean retrievalMiss() {
      return !failed && recall20 == 0;
    }
  }

  /**
   * What the reader stage did for one question ({@code reading} in the reply): whether the gold
   * document was among the passages it read (recall after the cascade), how many passages,
   * rounds, windows and forward passes it took.
   */
  record Cost(double recallRead, int passagesRead, int rounds, int windows, int passes) {
    static final Cost NONE = new Cost(0, 0, 0, 0, 0);

    static Cost of(JsonNode asked, List<String> docIds, String gold) {
      JsonNode r = asked.path("reading");
      if (r.isMissingNode()) {
        return NONE;
      }
      int read = r.path("passagesRead").asInt();
      return new Cost(Metrics.recallAt(docIds, gold, read), read, r.path("rounds").asInt(),
          r.path("windows").asInt(), r.path("passes").asInt());
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the evaluation and returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return EvalHttp.guarded("qa eval", err, () -> {
      Map<String, String> opts = EvalHttp.options(args,
          Set.of("--collection", "--questions", "--limit", "--url"), Set.of("--json", "--ask-only"));
      boolean askOnly = opts.containsKey("--ask-only");
      String collection = EvalHttp.required(opts, "--collection");
      Path file = EvalHttp.readableFile(opts, "--questions");
      int limit = EvalHttp.limit(opts);
      EvalHttp http = new EvalHttp(EvalHttp.url(opts));
      List<Question> questions = load(file, limit);
      if (questions.isEmpty()) {
        throw new EvalHttp.UsageException("--questions: no questions in '" + file + "'");
      }
      List<Score> scores = new ArrayList<>(questions.size());
      for (Question q : questions) {
        scores.add(score(http, collection, q, !askOnly, err));
        if (scores.size() % PROGRESS_EVERY == 0) {
          err.printf(Locale.ROOT, "qa eval: %d/%d questions, em %.4f so far%n", scores.size(),
              questions.size(), Metrics.mean(scores.stream().map(Score::em).toList()));
        }
      }
      Map<String, Object> summary = summary(scores, !askOnly);
      printTable(out, collection, file, summary, scores);
      EvalHttp.printJson(out, opts, summary);
      return 0;
    });
  }

  /** The first {@code limit} questions of {@code file}. */
  static List<Question> load(Path file, int limit) {
    List<String> lines = EvalHttp.lines(file, "--questions");
    List<Question> out = new ArrayList<>();
    for (int i = 0; i < lines.size() && out.size() < limit; i++) {
      JsonNode node = EvalHttp.jsonLine(lines.get(i), file, i + 1);
      JsonNode answers = node.get("answers");
      if (answers == null || !answers.isArray() || answers.isEmpty()) {
        throw new EvalHttp.UsageException(
            file + ":" + (i + 1) + ": field 'answers' must be a non-empty array");
      }
      List<String> golds = new ArrayList<>();
      answers.forEach(a -> golds.add(a.asText()));
      String id = node.hasNonNull("id") ? node.get("id").asText() : "line " + (i + 1);
      out.add(new Question(id, EvalHttp.text(node, "question", file, i + 1),
          EvalHttp.text(node, "context_id", file, i + 1), golds));
    }
    return out;
  }

  /**
   * Asks, then reads the gold document unless {@code readGold} is false (then the reader's
   * gold-passage scores are 0); any reply that is not 2xx zeroes the question.
   */
  static Score score(EvalHttp http, String collection, Question q, boolean readGold,
      PrintStream err) {
    EvalHttp.Reply ask = http.post("/api/v1/ask",
        Map.of("question", q.question(), "collection", collection, "topK", TOP_K));
    if (!ask.ok()) {
      EvalHttp.reportFailure(err, "ask", q.id(), ask);
      return Score.FAILED;
    }
    String readerBest = null;
    if (readGold) {
      EvalHttp.Reply read = http.post("/api/v1/read",
          Map.of("question", q.question(), "collection", collection, "docId", q.contextId()));
      if (!read.ok()) {
        EvalHttp.reportFailure(err, "read", q.id(), read);
        return Score.FAILED;
      }
      readerBest = bestAnswer(read.json());
    }
    JsonNode asked = ask.json();
    List<String> docIds = new ArrayList<>();
    asked.path("passages").forEach(p -> docIds.add(p.path("docId").asText()));
    String best = bestAnswer(asked);
    return new Score(Metrics.recallAt(docIds, q.contextId(), 1),
        Metrics.recallAt(docIds, q.contextId(), 5), Metrics.recallAt(docIds, q.contextId(), 20),
        em(readerBest, q.answers()), f1(readerBest, q.answers()), em(best, q.answers()),
        f1(best, q.answers()), ask.millis(), false, Cost.of(asked, docIds, q.contextId()));
  }

  /** The text of the first answer, or null when there is none. */
  private static String bestAnswer(JsonNode result) {
    JsonNode first = result.path("answers").path(0);
    return first.isMissingNode() ? null : first.path("text").asText("");
  }

  private static double em(String prediction, List<String> golds) {
    return prediction == null ? 0.0 : SquadMetrics.exactMatch(prediction, golds);
  }

  private static double f1(String prediction, List<String> golds) {
    return prediction == null ? 0.0 : SquadMetrics.f1(prediction, golds);
  }

  /** The metrics in the order of the {@code --json} line. */
  static Map<String, Object> summary(List<Score> scores, boolean readGold) {
    List<Double> latencies = scores.stream().map(Score::latencyMs)
        .filter(l -> l != null).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", scores.size());
    out.put("recall@1", mean(scores, Score::recall1));
    out.put("recall@5", mean(scores, Score::recall5));
    out.put("recall@20", mean(scores, Score::recall20));
    if (readGold) {
      out.put("reader_em", mean(scores, Score::readerEm));
      out.put("reader_f1", mean(scores, Score::readerF1));
    }
    out.put("em", mean(scores, Score::em));
    out.put("f1", mean(scores, Score::f1));
    // No successful ask means no latency to report; 0 keeps the JSON line valid.
    out.put("latency_p50_ms", latencies.isEmpty() ? 0.0 : Metrics.percentile(latencies, 50));
    out.put("latency_p95_ms", latencies.isEmpty() ? 0.0 : Metrics.percentile(latencies, 95));
    // The cascade's stages: recall of the passages actually read, and what reading cost.
    out.put("recall_read", mean(scores, s -> s.cost().recallRead()));
    out.put("passages_read", mean(scores, s -> s.cost().passagesRead()));
    out.put("second_rounds", mean(scores, s -> s.cost().rounds() == 2 ? 1 : 0));
    out.put("windows_per_question", mean(scores, s -> s.cost().windows()));
    out.put("passes_per_question", mean(scores, s -> s.cost().passes()));
    out.put("reader_errors", scores.stream().filter(Score::readerError).count());
    out.put("retrieval_misses", scores.stream().filter(Score::retrievalMiss).count());
    return out;
  }

  private static double mean(List<Score> scores, ToDoubleFunction<Score> metric) {
    return scores.stream().mapToDouble(metric).average().orElse(0.0);
  }

  private static void printTable(PrintStream out, String collection, Path file,
      Map<String, Object> summary, List<Score> scores) {
    out.printf("QA evaluation of collection %s on %s%n", collection, file);
    summary.forEach((name, value) -> out.printf(Locale.ROOT, "  %-18s %12s%n", name,
        value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value));
    long failed = scores.stream().filter(Score::failed).count();
    out.printf(Locale.ROOT, "  %-18s %12d%n", "failed requests", failed);
  }
}
