package io.odqa.kg.qa;

import io.odqa.kg.qa.MetaQaQuestions.Question;
import io.odqa.kg.resolve.EntityKey;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Held-out evaluation of a {@link PathClassifier} with the gold topic entity: path accuracy
 * against the weak labels and answer Hits@1, per hop count, with a few errors printed.
 */
final class PathEvaluation {
  /** How many ranked paths to try when the best one reaches nothing from the topic. */
  private static final int FALLBACK_PATHS = 5;

  private final KbGraph graph;
  private final PathClassifier classifier;
  private final int errorsShown;

  PathEvaluation(KbGraph graph, PathClassifier classifier, int errorsShown) {
    this.graph = graph;
    this.classifier = classifier;
    this.errorsShown = errorsShown;
  }

  /** The best-supported answer key along the most probable path that reaches anything. */
  Optional<String> answer(String topicKey, List<PathClassifier.Scored> ranked) {
    for (PathClassifier.Scored s : ranked) {
      Map<String, Integer> answers = graph.followWithSupport(topicKey, s.path());
      if (!answers.isEmpty()) {
        return Optional.of(answers.keySet().iterator().next());
      }
    }
    return Optional.empty();
  }

  void report(List<Question> questions, List<String> masked,
      List<Optional<RelationPath>> labels) {
    int[] labelled = new int[4];
    int[] pathRight = new int[4];
    int[] total = new int[4];
    int[] hits = new int[4];
    int[] shown = new int[4];
    int[] oracle = new int[4]; // Hits@1 of the labelled path: the ceiling of this ranking
    int[][] misses = new int[4][3]; // unlabelled, path differs from label, same path
    for (int i = 0; i < questions.size(); i++) {
      Question q = questions.get(i);
      int h = q.hops();
      List<PathClassifier.Scored> ranked = classifier.rank(masked.get(i), FALLBACK_PATHS);
      RelationPath predicted = ranked.get(0).path();
      if (labels.get(i).isPresent()) {
        labelled[h]++;
        pathRight[h] += labels.get(i).get().equals(predicted) ? 1 : 0;
      }
      String topicKey = q.topic().map(EntityKey::of).orElse("");
      Set<String> gold = q.answers().stream().map(EntityKey::of).collect(Collectors.toSet());
      Optional<String> top = answer(topicKey, ranked);
      total[h]++;
      boolean hit = top.isPresent() && gold.contains(top.get());
      hits[h] += hit ? 1 : 0;
      Optional<String> best = labels.get(i).flatMap(p -> answer(topicKey,
          List.of(new PathClassifier.Scored(p, 1))));
      oracle[h] += best.isPresent() && gold.contains(best.get()) ? 1 : 0;
      if (!hit) {
        misses[h][labels.get(i).isEmpty() ? 0 : labels.get(i).get().equals(predicted) ? 2 : 1]++;
      }
      if (!hit && shown[h]++ < errorsShown) {
        System.out.printf(Locale.ROOT, "  miss %d-hop: %s | predicted %s (%.2f) | label %s | "
            + "top %s | gold %s%n", h, q.text(), predicted, ranked.get(0).probability(),
            labels.get(i).map(RelationPath::toString).orElse("-"), top.orElse("-"),
            q.answers().size() > 5 ? q.answers().subList(0, 5) + "..." : q.answers());
      }
    }
    int allLabelled = 0;
    int allRight = 0;
    int allTotal = 0;
    int allHits = 0;
    for (int h = 1; h <= 3; h++) {
      System.out.printf(Locale.ROOT, "held-out %d-hop: path accuracy %.4f (%d/%d), "
          + "answer Hits@1 (gold entity) %.4f (%d/%d)%n", h, ratio(pathRight[h], labelled[h]),
          pathRight[h], labelled[h], ratio(hits[h], total[h]), hits[h], total[h]);
      System.out.printf(Locale.ROOT, "  misses %d-hop: %d unlabelled, %d other path than the "
          + "label, %d labelled path; Hits@1 of the labelled path %.4f%n", h, misses[h][0],
          misses[h][1], misses[h][2], ratio(oracle[h], total[h]));
      allLabelled += labelled[h];
      allRight += pathRight[h];
      allTotal += total[h];
      allHits += hits[h];
    }
    System.out.printf(Locale.ROOT, "held-out all: path accuracy %.4f (%d/%d), "
        + "answer Hits@1 (gold entity) %.4f (%d/%d)%n", ratio(allRight, allLabelled), allRight,
        allLabelled, ratio(allHits, allTotal), allHits, allTotal);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
