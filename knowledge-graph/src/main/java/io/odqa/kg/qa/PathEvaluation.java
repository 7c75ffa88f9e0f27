package io.odqa.kg.qa;

import io.odqa.kg.qa.MetaQaQuestions.Question;
import io.odqa.kg.resolve.EntityKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Held-out evaluation of a {@link PathClassifier} and an {@link AnswerRanker} with the gold
 * topic entity: path accuracy against the weak labels, answer Hits@1 with the support-only
 * ranking and with the ranker, and each miss of the ranker put down to one cause: no path
 * reaches a gold answer (unlabelled), the executed path reaches none (classifier), or it
 * reaches one that is not ranked first (ranking).
 */
final class PathEvaluation {
  /** How many ranked paths to try when the best one reaches nothing from the topic. */
  static final int FALLBACK_PATHS = 5;

  private final KbGraph graph;
  private final PathClassifier classifier;
  private final AnswerRanker ranker;
  private final int errorsShown;

  PathEvaluation(KbGraph graph, PathClassifier classifier, AnswerRanker ranker,
      int errorsShown) {
    this.graph = graph;
    this.classifier = classifier;
    this.ranker = ranker;
    this.errorsShown = errorsShown;
  }

  /** The path that was run and the answers it reached, unranked. */
  record Executed(RelationPath path, List<AnswerEvidence.Candidate> candidates) {}

  /** The most probable path of {@code ranked} that reaches anything from the topic. */
  Optional<Executed> execute(String topicKey, List<PathClassifier.Scored> ranked) {
    for (PathClassifier.Scored s : ranked) {
      List<AnswerEvidence.Candidate> candidates = AnswerEvidence.of(graph, topicKey, s.path());
      if (!candidates.isEmpty()) {
        return Optional.of(new Executed(s.path(), candidates));
      }
    }
    return Optional.empty();
  }

  /** The top answer key of {@code executed} under {@code by}. */
  static Optional<String> top(Optional<Executed> executed, AnswerRanker by) {
    return executed.map(e -> by.rank(e.path().length(), e.candidates()).get(0).key());
  }

  /**
   * Prints the report of the questions of {@code part} (e.g. "held-out", which starts each
   * line) and returns its figures, e.g. {@code hits@1_1hop}; hop counts without questions are
   * left out.
   */
  Map<String, Object> report(String part, List<Question> questions, List<String> masked,
      List<Optional<RelationPath>> labels) {
    Counts[] c = {null, new Counts(), new Counts(), new Counts()};
    int[] shown = new int[4];
    AnswerRanker base = AnswerRanker.supportOnly();
    for (int i = 0; i < questions.size(); i++) {
      Question q = questions.get(i);
      Counts n = c[q.hops()];
      List<PathClassifier.Scored> ranked = classifier.rank(masked.get(i), FALLBACK_PATHS);
      RelationPath predicted = ranked.get(0).path();
      Optional<RelationPath> label = labels.get(i);
      if (label.isPresent()) {
        n.labelled++;
        n.pathRight += label.get().equals(predicted) ? 1 : 0;
      }
      String topicKey = q.topic().map(EntityKey::of).orElse("");
      Set<String> gold = q.answers().stream().map(EntityKey::of).collect(Collectors.toSet());
      Optional<Executed> executed = execute(topicKey, ranked);
      Optional<String> top = top(executed, ranker);
      n.total++;
      n.baseHits += top(executed, base).filter(gold::contains).isPresent() ? 1 : 0;
      boolean hit = top.filter(gold::contains).isPresent();
      n.hits += hit ? 1 : 0;
      n.oracle += label.flatMap(p -> top(execute(topicKey, List.of(
          new PathClassifier.Scored(p, 1))), ranker)).filter(gold::contains).isPresent() ? 1 : 0;
      if (hit) {
        continue;
      }
      boolean reached = executed.isPresent()
          && executed.get().candidates().stream().anyMatch(x -> gold.contains(x.key()));
      n.misses[label.isEmpty() ? 0 : reached ? 2 : 1]++;
      if (shown[q.hops()]++ < errorsShown) {
        System.out.printf(Locale.ROOT, "  miss %d-hop: %s | predicted %s (%.2f) | label %s | "
            + "top %s | gold %s%n", q.hops(), q.text(), predicted, ranked.get(0).probability(),
            label.map(RelationPath::toString).orElse("-"), top.orElse("-"),
            q.answers().size() > 5 ? q.answers().subList(0, 5) + "..." : q.answers());
      }
    }
    return summary(part, c);
  }

  /**
   * Mean wall time of {@link PathClassifier#rank} (features and scores of all labels) per
   * question, in microseconds, over a second pass of {@code masked}: the first warms the JIT.
   */
  static double rankMicros(PathClassifier classifier, List<String> masked) {
    long started = 0;
    for (int pass = 0; pass < 2; pass++) {
      started = System.nanoTime();
      for (String m : masked) {
        classifier.rank(m, FALLBACK_PATHS);
      }
    }
    return (System.nanoTime() - started) / 1e3 / Math.max(1, masked.size());
  }

  private static Map<String, Object> summary(String part, Counts[] c) {
    Map<String, Object> figures = new LinkedHashMap<>();
    Counts all = new Counts();
    for (int h = 1; h <= 3; h++) {
      Counts n = c[h];
      if (n.total == 0) {
        continue;
      }
      System.out.printf(Locale.ROOT, "%s %d-hop: path accuracy %.4f (%d/%d), answer "
          + "Hits@1 (gold entity) %.4f (%d/%d); support-only ranking %.4f (%d)%n", part, h,
          ratio(n.pathRight, n.labelled), n.pathRight, n.labelled, ratio(n.hits, n.total),
          n.hits, n.total, ratio(n.baseHits, n.total), n.baseHits);
      System.out.printf(Locale.ROOT, "  misses %d-hop: %d no path (unlabelled), %d classifier "
          + "(executed path reaches no gold), %d ranking (gold reached, not first); Hits@1 of "
          + "the labelled path %.4f%n", h, n.misses[0], n.misses[1], n.misses[2],
          ratio(n.oracle, n.total));
      figures.put("path_accuracy_" + h + "hop", round(ratio(n.pathRight, n.labelled)));
      figures.put("hits@1_" + h + "hop", round(ratio(n.hits, n.total)));
      figures.put("hits@1_support_only_" + h + "hop", round(ratio(n.baseHits, n.total)));
      figures.put("misses_" + h + "hop", Map.of("no_path", n.misses[0], "classifier",
          n.misses[1], "ranking", n.misses[2]));
      all.add(n);
    }
    System.out.printf(Locale.ROOT, "%s all: path accuracy %.4f (%d/%d), answer Hits@1 "
        + "(gold entity) %.4f (%d/%d); support-only ranking %.4f (%d)%n", part,
        ratio(all.pathRight, all.labelled), all.pathRight, all.labelled,
        ratio(all.hits, all.total), all.hits, all.total, ratio(all.baseHits, all.total),
        all.baseHits);
    figures.put("path_accuracy", round(ratio(all.pathRight, all.labelled)));
    figures.put("hits@1", round(ratio(all.hits, all.total)));
    figures.put("hits@1_support_only", round(ratio(all.baseHits, all.total)));
    figures.put("n", all.total);
    return figures;
  }

  /** Tallies of one hop count. */
  private static final class Counts {
    int labelled;
    int pathRight;
    int total;
    int hits;
    int baseHits;
    int oracle; // Hits@1 of the labelled path: the ceiling of the path classifier
    final int[] misses = new int[3]; // no path, classifier, ranking

    void add(Counts o) {
      labelled += o.labelled;
      pathRight += o.pathRight;
      total += o.total;
      hits += o.hits;
      baseHits += o.baseHits;
      oracle += o.oracle;
    }
  }

  private static double round(double x) {
    return Math.round(x * 1e4) / 1e4;
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
