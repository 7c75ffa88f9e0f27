package io.odqa.qa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.kg.qa.KbGraph;
import io.odqa.kg.qa.MetaQaQuestions;
import io.odqa.kg.qa.PathLabeler;
import io.odqa.kg.qa.RelationPath;
import io.odqa.kg.resolve.EntityKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Knowledge-graph QA evaluation in MetaQA's format against a running QA service ({@code ./odqa
 * eval kgqa}). Each question goes to {@code POST /api/v1/kg}; the stages are scored apart so a
 * miss can be traced: linking accuracy (the linked entity is the bracketed topic), path accuracy
 * (the path run is the path that best explains the gold answers in the KB, from {@link
 * PathLabeler}; only with {@code --kb}), and Hits@1 (the top answer is a gold answer), per hop
 * count and overall, plus latency.
 *
 * <p>Usage: {@code KgqaEval --collection NAME --questions F1[,F2...] [--split all|heldout]
 * [--strip-brackets] [--kb kb.txt] [--offset N] [--limit N] [--json] [--url URL]}. By default every question
 * of the files is scored (a test file is all held out); {@code --split heldout} keeps only the
 * fifth of MetaQA dev ({@link MetaQaQuestions#isHeldOut}) that the path classifier never trained on.
 * A file given as {@code FILE=TEMPLATE} paraphrases TEMPLATE line by line and takes its split
 * from it ({@link MetaQaQuestions#heldOut(String)}), e.g. {@code
 * 1hop-ntm-dev.jsonl=1hop-dev.jsonl}. {@code --offset N} skips the first N questions (of the
 * split), so that a file's last part can be scored apart from the part users asked.
 */
public final class KgqaEval {
  private static final int PROGRESS_EVERY = 1000;

  private KgqaEval() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the evaluation and returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return EvalHttp.guarded("kgqa eval", err, () -> {
      Map<String, String> opts = EvalHttp.options(args, Set.of("--collection", "--questions",
          "--split", "--kb", "--offset", "--limit", "--url"), Set.of("--json", "--strip-brackets"));
      String collection = EvalHttp.required(opts, "--collection");
      String split = opts.getOrDefault("--split", "all");
      if (!split.equals("heldout") && !split.equals("all")) {
        throw new EvalHttp.UsageException("--split must be all or heldout, got '" + split + "'");
      }
      List<MetaQaQuestions.Question> questions = new ArrayList<>();
      for (String f : EvalHttp.required(opts, "--questions").split(",")) {
        try {
          questions.addAll(split.equals("all")
              ? MetaQaQuestions.read(Path.of(f.split("=", 2)[0].strip()))
              : MetaQaQuestions.heldOut(f));
        } catch (IOException | IllegalArgumentException e) {
          throw new EvalHttp.UsageException("--questions: cannot read '" + f + "': " + e.getMessage());
        }
      }
      int offset = offset(opts);
      questions = questions.subList(Math.min(offset, questions.size()), questions.size());
      questions = questions.subList(0, Math.min(questions.size(), EvalHttp.limit(opts)));
      List<Optional<RelationPath>> goldPaths = null;
      if (opts.containsKey("--kb")) {
        try {
          goldPaths = goldPaths(KbGraph.read(Path.of(opts.get("--kb"))), questions);
        } catch (IOException | IllegalArgumentException e) {
          throw new EvalHttp.UsageException("--kb: cannot read '" + opts.get("--kb") + "': "
              + e.getMessage());
        }
      }
      boolean labelled = goldPaths != null;
      boolean strip = opts.containsKey("--strip-brackets");
      EvalHttp http = new EvalHttp(EvalHttp.url(opts));
      Tally all = new Tally();
      Map<Integer, Tally> byHop = new java.util.TreeMap<>();
      for (int i = 0; i < questions.size(); i++) {
        MetaQaQuestions.Question q = questions.get(i);
        String asked = strip ? q.text().replace("[", "").replace("]", "") : q.text();
        EvalHttp.Reply reply = http.post("/api/v1/kg", Map.of("question", asked,
            "collection", collection));
        Tally t = byHop.computeIfAbsent(q.hops(), h -> new Tally());
        if (!reply.ok()) {
          EvalHttp.reportFailure(err, "kg", q.text(), reply);
          all.add(false, false, false, reply.millis(), false);
          t.add(false, false, false, reply.millis(), false);
          continue;
        }
        JsonNode body = reply.json();
        boolean linked = q.topic().map(EntityKey::of).map(k ->
            k.equals(EntityKey.of(body.path("entity").path("name").asText(""))))
            .orElse(false);
        Optional<RelationPath> gold = labelled ? goldPaths.get(i) : Optional.empty();
        boolean pathOk = gold.isPresent()
            && gold.get().toString().equals(body.path("executed").asText(""));
        JsonNode answers = body.path("answers");
        boolean hit = answers.size() > 0 && q.answers().stream().map(EntityKey::of).anyMatch(
            EntityKey.of(answers.get(0).path("text").asText())::equals);
        all.add(linked, pathOk, hit, reply.millis(), gold.isPresent());
        t.add(linked, pathOk, hit, reply.millis(), gold.isPresent());
        if (all.n % PROGRESS_EVERY == 0) {
          err.printf("kgqa eval: %d/%d questions, hits@1 %.4f so far%n", all.n, questions.size(),
              all.hits / (double) all.n);
        }
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("n", all.n);
      summary.put("hits@1", all.rate(all.hits));
      byHop.forEach((h, t) -> summary.put("hits@1_" + h + "hop", t.rate(t.hits)));
      summary.put("linking_accuracy", all.rate(all.linked));
      byHop.forEach((h, t) -> summary.put("linking_accuracy_" + h + "hop", t.rate(t.linked)));
      if (labelled) {
        summary.put("path_accuracy", all.labelled == 0 ? 0.0 : all.paths / (double) all.labelled);
        byHop.forEach((h, t) -> summary.put("path_accuracy_" + h + "hop",
            t.labelled == 0 ? 0.0 : t.paths / (double) t.labelled));
      }
      summary.put("latency_p50_ms", all.millis.isEmpty() ? 0.0 : Metrics.percentile(all.millis, 50));
      summary.put("latency_p95_ms", all.millis.isEmpty() ? 0.0 : Metrics.percentile(all.millis, 95));
      out.printf("KGQA evaluation of collection %s (%s split%s)%n", collection, split,
          strip ? ", brackets stripped" : "");
      summary.forEach((name, value) -> out.printf(Locale.ROOT, "  %-26s %10s%n", name,
          value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value));
      EvalHttp.printJson(out, opts, summary);
      return 0;
    });
  }

  /** The path that best explains each question's gold answers in the KB, when one does. */
  private static int offset(Map<String, String> opts) {
    String v = opts.getOrDefault("--offset", "0").strip();
    try {
      int n = Integer.parseInt(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new EvalHttp.UsageException("--offset must be an integer >= 0, got '" + v + "'");
  }

  private static List<Optional<RelationPath>> goldPaths(KbGraph kb,
      List<MetaQaQuestions.Question> questions) {
    List<PathLabeler.Example> examples = new ArrayList<>();
    for (MetaQaQuestions.Question q : questions) {
      Set<String> gold = new java.util.HashSet<>();
      q.answers().forEach(a -> gold.add(EntityKey.of(a)));
      examples.add(new PathLabeler.Example(q.topic().map(EntityKey::of).orElse(""), gold,
          q.hops()));
    }
    return new PathLabeler(kb, PathLabeler.DEFAULT_FRONTIER_CAP).label(examples).paths();
  }

  /** Counts for one group of questions. */
  private static final class Tally {
    int n;
    int linked;
    int paths;
    int labelled;
    int hits;
    final List<Double> millis = new ArrayList<>();

    void add(boolean link, boolean path, boolean hit, double ms, boolean hasLabel) {
      n++;
      linked += link ? 1 : 0;
      paths += path ? 1 : 0;
      labelled += hasLabel ? 1 : 0;
      hits += hit ? 1 : 0;
      millis.add(ms);
    }

    double rate(int count) {
      return n == 0 ? 0.0 : count / (double) n;
    }
  }
}
