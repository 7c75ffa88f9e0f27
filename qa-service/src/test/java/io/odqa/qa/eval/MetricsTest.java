package io.odqa.qa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact values of the metrics on tiny rankings, and the exit codes of the regression check. */
class MetricsTest {
  private static final double EPS = 1e-12;
  private static final List<String> ABC = List.of("a", "b", "c");
  private static final Map<String, Integer> B2_C1 = Map.of("b", 2, "c", 1);

  @TempDir
  Path dir;

  @Test
  void ndcgDiscountsByLog2OfRankPlusOne() {
    // DCG = 2/log2(3) + 1/log2(4); ideal = 2/log2(2) + 1/log2(3).
    double expected = (2 / log2(3) + 1 / log2(4)) / (2 + 1 / log2(3));
    assertEquals(expected, Metrics.ndcgAt(ABC, B2_C1, 10), EPS);
    assertEquals(0.66967181649423, Metrics.ndcgAt(ABC, B2_C1, 10), 1e-12);
  }

  @Test
  void ndcgCutsAtKAndIsOneForTheIdealRanking() {
    assertEquals(0.0, Metrics.ndcgAt(ABC, B2_C1, 1), EPS);
    // At k = 2 only b counts: 2/log2(3) against the ideal 2 + 1/log2(3).
    assertEquals((2 / log2(3)) / (2 + 1 / log2(3)), Metrics.ndcgAt(ABC, B2_C1, 2), EPS);
    assertEquals(1.0, Metrics.ndcgAt(List.of("b", "c", "a"), B2_C1, 10), EPS);
    // A second passage of b does not take rank 2 from c.
    assertEquals(1.0, Metrics.ndcgAt(List.of("b", "b", "c"), B2_C1, 2), EPS);
    assertEquals(0.0, Metrics.ndcgAt(ABC, Map.of("a", 0), 10), EPS);
    assertEquals(0.0, Metrics.ndcgAt(List.of(), B2_C1, 10), EPS);
  }

  @Test
  void gradedRecallIsTheFractionOfRelevantDocumentsFound() {
    Map<String, Integer> qrels = Map.of("b", 2, "c", 1, "d", 1, "e", 0);
    assertEquals(1.0 / 3, Metrics.recallAt(ABC, qrels, 2), EPS);
    assertEquals(2.0 / 3, Metrics.recallAt(ABC, qrels, 10), EPS);
    assertEquals(1.0 / 3, Metrics.recallAt(List.of("b", "b", "b"), qrels, 10), EPS);
    assertEquals(0.0, Metrics.recallAt(ABC, Map.of("a", 0), 10), EPS);
  }

  @Test
  void mrrIsTheReciprocalRankOfTheFirstRelevantDocumentWithinK() {
    assertEquals(0.5, Metrics.mrrAt(ABC, B2_C1, 10), EPS);
    assertEquals(0.0, Metrics.mrrAt(ABC, B2_C1, 1), EPS);
    assertEquals(1.0 / 3, Metrics.mrrAt(List.of("a", "x", "c"), B2_C1, 3), EPS);
    assertEquals(0.5, Metrics.mrrAt(List.of("a", "a", "b"), B2_C1, 2), EPS);
  }

  @Test
  void goldRecallDedupesDocumentsBeforeCuttingAtK() {
    List<String> ranked = List.of("x", "x", "y", "z");
    assertEquals(0.0, Metrics.recallAt(ranked, "y", 1), EPS);
    assertEquals(1.0, Metrics.recallAt(ranked, "y", 2), EPS);
    assertEquals(0.0, Metrics.recallAt(ranked, "w", 20), EPS);
    assertEquals(List.of("x", "y", "z"), Metrics.firstOccurrences(ranked));
  }

  @Test
  void percentileUsesTheNearestRank() {
    List<Double> v = List.of(50.0, 15.0, 40.0, 20.0, 35.0);
    assertEquals(15.0, Metrics.percentile(v, 0), EPS);
    assertEquals(20.0, Metrics.percentile(v, 30), EPS);
    assertEquals(20.0, Metrics.percentile(v, 40), EPS);
    assertEquals(35.0, Metrics.percentile(v, 50), EPS);
    assertEquals(50.0, Metrics.percentile(v, 100), EPS);
    List<Double> oneToTwenty = IntStream.rangeClosed(1, 20).mapToObj(i -> (double) i).toList();
    assertEquals(19.0, Metrics.percentile(oneToTwenty, 95), EPS);
    assertEquals(10.0, Metrics.percentile(oneToTwenty, 50), EPS);
  }

  @Test
  void badArgumentsAreRejectedWithTheValue() {
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> Metrics.mrrAt(ABC, B2_C1, 0));
    assertTrue(k.getMessage().contains("0"), k.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Metrics.percentile(List.of(), 50));
    assertThrows(IllegalArgumentException.class, () -> Metrics.percentile(List.of(1.0), 101));
  }

  @Test
  void regressionCheckPassesWithinToleranceOnBothSides() throws Exception {
    Path yaml = regressionYaml();
    assertEquals(0, check(yaml, "{\"recall@5\": 0.81, \"f1\": 0.12, \"n\": 10}"));
    // Exactly at the edge passes, despite 0.80 + 0.02 not being exact in binary.
    assertEquals(0, check(yaml, "{\"recall@5\": 0.82, \"f1\": 0.07}"));
  }

  @Test
  void regressionCheckFailsOnARegressionAnImprovementOrAMissingMetric() throws Exception {
    Path yaml = regressionYaml();
    assertEquals(1, check(yaml, "{\"recall@5\": 0.77, \"f1\": 0.10}"));
    assertEquals(1, check(yaml, "{\"recall@5\": 0.90, \"f1\": 0.10}"));
    assertEquals(1, check(yaml, "{\"recall@5\": 0.80}"));
    assertEquals(1, check(yaml, "{\"recall@5\": 0.80, \"f1\": \"high\"}"));

    RegressionCheck.Result r = RegressionCheck.check(RegressionCheck.expectations(yaml),
        EvalHttp.JSON.readTree("{\"recall@5\": 0.90, \"f1\": 0.10}"));
    assertEquals(List.of(false, true), r.lines().stream().map(RegressionCheck.Line::ok).toList());
    assertTrue(r.lines().get(0).format().startsWith("FAIL"), r.lines().get(0).format());
  }

  @Test
  void regressionCheckReadsTheLastJsonLineFromStdin() throws Exception {
    String evalOutput = """
        QA evaluation of collection squad on dev.jsonl
          recall@5 0.5000
        {"recall@5": 0.10, "f1": 0.10}
        {"recall@5": 0.80, "f1": 0.10}
        """;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = RegressionCheck.run(new String[] {"--file", regressionYaml().toString()},
        stdin(evalOutput), new PrintStream(out, true, StandardCharsets.UTF_8), quiet());
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("ok   recall@5"));
  }

  @Test
  void regressionCheckRejectsBadInputWithStatusTwo() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "metrics:\n  f1: {expected: high}\n");
    assertEquals(2, check(bad, "{\"f1\": 0.1}"));
    assertEquals(2, check(regressionYaml(), "no json here"));
    assertEquals(2, RegressionCheck.run(new String[] {}, stdin(""), quiet(), quiet()));
    assertEquals(2, RegressionCheck.run(new String[] {"--file", dir.resolve("absent").toString()},
        stdin("{}"), quiet(), quiet()));
  }

  @Test
  void evalMainsRejectBadOptionsWithStatusTwo() throws Exception {
    Path questions = Files.writeString(dir.resolve("q.jsonl"), "");
    assertEquals(2, QaEval.run(new String[] {"--questions", questions.toString()}, quiet(),
        quiet()));
    assertEquals(2, QaEval.run(new String[] {"--collection", "squad", "--questions",
        questions.toString(), "--limit", "zero"}, quiet(), quiet()));
    assertEquals(2, QaEval.run(new String[] {"--collection", "squad", "--questions",
        dir.resolve("absent.jsonl").toString()}, quiet(), quiet()));
    assertEquals(2, RetrievalEval.run(new String[] {"--collection", "nf", "--bogus"}, quiet(),
        quiet()));
    assertEquals(2, KgqaEval.run(new String[] {"--questions", questions.toString()}, quiet(),
        quiet()));
    assertEquals(2, KgqaEval.run(new String[] {"--collection", "metaqa", "--questions",
        questions.toString(), "--split", "test"}, quiet(), quiet()));
    assertEquals(2, KgqaEval.run(new String[] {"--collection", "metaqa", "--questions",
        dir.resolve("absent.jsonl").toString()}, quiet(), quiet()));
  }

  @Test
  void qrelsKeepTheOrderOfFirstAppearance() throws Exception {
    Path qrels = Files.writeString(dir.resolve("qrels.tsv"),
        "query-id\tcorpus-id\tscore\nQ-2\tD1\t2\nQ-1\tD3\t1\nQ-2\tD2\t1\n");
    Map<String, Map<String, Integer>> parsed = RetrievalEval.qrels(qrels);
    assertEquals(List.of("Q-2", "Q-1"), List.copyOf(parsed.keySet()));
    assertEquals(Map.of("D1", 2, "D2", 1), parsed.get("Q-2"));
  }

  private Path regressionYaml() throws Exception {
    return Files.writeString(dir.resolve("x.yaml"), """
        command: ./odqa eval qa --collection squad --questions dev.jsonl --json
        metrics:
          recall@5: {expected: 0.80, tolerance: 0.02}
          f1: {expected: 0.10, tolerance: 0.03}
        """);
  }

  private int check(Path yaml, String json) throws Exception {
    Path actual = Files.writeString(dir.resolve("actual.json"), json);
    return RegressionCheck.run(
        new String[] {"--file", yaml.toString(), "--actual", actual.toString()}, stdin(""),
        quiet(), quiet());
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
