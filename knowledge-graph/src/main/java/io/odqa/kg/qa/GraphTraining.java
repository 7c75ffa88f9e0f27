package io.odqa.kg.qa;

import io.odqa.kg.qa.MetaQaQuestions.Question;
import io.odqa.kg.resolve.EntityKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains the graph stage's classifier and ranker ({@link GraphModel}) on labelled questions
 * (MetaQA's, whose gold answer sets are complete) plus questions whose answer users confirmed.
 *
 * <p><b>Feedback labels.</b> A confirmed answer is one of possibly many right ones, so the path
 * with the best F1 against it is often a detour that reaches only it (the one film an actor
 * also directed). Among the paths of 1 to 3 hops from the topic that reach it, the label is
 * the one the current classifier finds most probable for the question, plus a small share of
 * the path's frequency among the labelled questions' labels: the posterior of the path given
 * that it reaches the answer, with the classifier as the prior. A question none of whose
 * reaching paths is known to either is left out.
 *
 * <p><b>Feedback for the ranker.</b> Only answers the feedback judged are labelled: a group is
 * the confirmed answer and the rejected ones among the executed path's candidates, so the
 * ranker learns "this one over that one" and nothing about the candidates nobody judged.
 */
public final class GraphTraining {
  /** Weight of a path's label frequency beside the classifier's probability. */
  static final double FREQUENCY_WEIGHT = 0.01;
  /** Labels of MetaQA questions below this F1 are dropped (see {@link #classifierExamples}). */
  static final double MIN_F1 = 0.5;
  /** Paths labelled fewer times than this are dropped (see {@link #classifierExamples}). */
  static final int MIN_LABEL_COUNT = 5;

  private GraphTraining() {}

  /**
   * A question with an answer confirmed by feedback.
   *
   * @param masked the question with its linked topic replaced by {@code <e>}
   * @param topicKey entity key of the linked topic
   * @param confirmedKey entity key of the confirmed answer
   * @param confirmedNormal the confirmed answer in the normal form of {@code normal}
   * @param rejectedNormals answers the feedback rejected, in that normal form
   */
  public record FeedbackQuestion(String masked, String topicKey, String confirmedKey,
      String confirmedNormal, Set<String> rejectedNormals) {
    public FeedbackQuestion {
      rejectedNormals = Set.copyOf(rejectedNormals);
    }
  }

  /**
   * What a training run produced.
   *
   * @param classifier the trained classifier
   * @param ranker the fitted ranker
   * @param report counts for the job's result and the model's metadata
   */
  public record Outcome(PathClassifier classifier, AnswerRanker ranker,
      Map<String, Object> report) {}

  /**
   * Trains on {@code base} (every question, labelled by {@link PathLabeler}) and
   * {@code feedback} (labelled as the class comment says, with {@code prior} as the prior).
   *
   * @param normal the normal form in which feedback answers are compared with candidates
   */
  public static Outcome train(KbGraph graph, List<Question> base,
      List<FeedbackQuestion> feedback, PathClassifier prior, Function<String, String> normal,
      PathClassifier.Settings settings) {
    PathLabeler labeler = new PathLabeler(graph, PathLabeler.DEFAULT_FRONTIER_CAP);
    List<String> baseMasked = base.stream().map(q -> QuestionFeatures.mask(q.text())).toList();
    List<PathLabeler.Example> baseExamples = base.stream().map(GraphTraining::example).toList();
    PathLabeler.Labels labels = labeler.label(baseExamples);
    List<PathClassifier.Example> examples = new ArrayList<>(
        classifierExamples(baseMasked, labels, MIN_F1, MIN_LABEL_COUNT));
    int baseCount = examples.size();

    Map<RelationPath, Double> share = shares(labels.frequency());
    List<Optional<RelationPath>> feedbackPaths = feedback.parallelStream()
        .map(f -> feedbackLabel(labeler, prior, share, f)).toList();
    for (int i = 0; i < feedback.size(); i++) {
      int at = i;
      feedbackPaths.get(i).ifPresent(p -> examples.add(
          new PathClassifier.Example(feedback.get(at).masked(), p)));
    }
    PathClassifier classifier = PathClassifier.train(examples, settings);

    List<AnswerRankerFit.Group> groups = new ArrayList<>(
        rankerGroups(graph, classifier, baseMasked, baseExamples));
    int baseGroups = groups.size();
    groups.addAll(feedbackGroups(graph, classifier, feedback, normal));
    AnswerRanker ranker = AnswerRankerFit.fit(groups, AnswerRankerFit.Settings.defaults());

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("base_questions", base.size());
    report.put("base_examples", baseCount);
    report.put("feedback_questions", feedback.size());
    report.put("feedback_examples", examples.size() - baseCount);
    report.put("classifier_labels", classifier.labels().size());
    report.put("ranker_groups_base",
        groups.subList(0, baseGroups).stream().filter(AnswerRankerFit.Group::informative).count());
    report.put("ranker_groups_feedback", groups.size() - baseGroups);
    report.put("settings", settings.toString());
    return new Outcome(classifier, ranker, report);
  }

  /** The label of one feedback question, or empty when no reaching path is known. */
  static Optional<RelationPath> feedbackLabel(PathLabeler labeler, PathClassifier prior,
      Map<RelationPath, Double> share, FeedbackQuestion f) {
    Map<RelationPath, Double> reaching = new HashMap<>();
    for (int h = 1; h <= RelationPath.MAX_HOPS; h++) {
      reaching.putAll(labeler.reaching(
          new PathLabeler.Example(f.topicKey(), Set.of(f.confirmedKey()), h)));
    }
    if (reaching.isEmpty()) {
      return Optional.empty();
    }
    Map<RelationPath, Double> probability = new HashMap<>();
    if (prior != null) {
      for (PathClassifier.Scored s : prior.rank(f.masked(), prior.labels().size())) {
        probability.put(s.path(), s.probability());
      }
    }
    RelationPath best = null;
    double bestScore = 0;
    for (RelationPath p : reaching.keySet().stream().sorted().toList()) {
      double score = probability.getOrDefault(p, 0.0)
          + FREQUENCY_WEIGHT * share.getOrDefault(p, 0.0);
      if (score > bestScore) {
        best = p;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Map<RelationPath, Double> shares(Map<RelationPath, Double> frequency) {
    double total = frequency.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<RelationPath, Double> out = new HashMap<>();
    frequency.forEach((p, w) -> out.put(p, total == 0 ? 0 : w / total));
    return out;
  }

  /** The judged candidates of each feedback question's executed path, confirmed one first. */
  private static List<AnswerRankerFit.Group> feedbackGroups(KbGraph graph,
      PathClassifier classifier, List<FeedbackQuestion> feedback,
      Function<String, String> normal) {
    PathEvaluation run = new PathEvaluation(graph, classifier, AnswerRanker.supportOnly(), 0);
    return feedback.parallelStream().filter(f -> !f.rejectedNormals().isEmpty()).flatMap(f -> {
      Optional<PathEvaluation.Executed> e = run.execute(f.topicKey(),
          classifier.rank(f.masked(), PathEvaluation.FALLBACK_PATHS));
      if (e.isEmpty()) {
        return Stream.empty();
      }
      List<AnswerRanker.Features> features = new ArrayList<>();
      List<Boolean> gold = new ArrayList<>();
      for (AnswerEvidence.Candidate c : e.get().candidates()) {
        String n = normal.apply(c.key());
        boolean confirmed = n.equals(f.confirmedNormal());
        if (confirmed || f.rejectedNormals().contains(n)) {
          features.add(c.features());
          gold.add(confirmed);
        }
      }
      boolean[] flags = new boolean[gold.size()];
      for (int i = 0; i < flags.length; i++) {
        flags[i] = gold.get(i);
      }
      AnswerRankerFit.Group g = new AnswerRankerFit.Group(e.get().path().length(), features,
          flags);
      return g.informative() ? Stream.of(g) : Stream.empty();
    }).toList();
  }

  /** A MetaQA question as a labelling example: bracketed topic, gold answers, hop count. */
  static PathLabeler.Example example(Question q) {
    String topicKey = q.topic().map(EntityKey::of).orElse("");
    Set<String> gold = q.answers().stream().map(EntityKey::of).collect(Collectors.toSet());
    return new PathLabeler.Example(topicKey, gold, q.hops());
  }

  /**
   * Classifier examples from labelled questions. Labels with a low F1 or a rare path are mostly
   * artefacts of a KB that disagrees with the gold answers (a {@code has_tags} detour that
   * happens to reach them); training on them teaches the model to predict such detours for
   * ordinary questions, so they are dropped, and rare paths are also dropped from the tie sets.
   */
  static List<PathClassifier.Example> classifierExamples(List<String> masked,
      PathLabeler.Labels labels, double minF1, int minLabelCount) {
    Map<RelationPath, Integer> counts = new HashMap<>();
    labels.paths().forEach(p -> p.ifPresent(path -> counts.merge(path, 1, Integer::sum)));
    List<PathClassifier.Example> examples = new ArrayList<>();
    for (int i = 0; i < masked.size(); i++) {
      PathLabeler.Best best = labels.best().get(i);
      Optional<RelationPath> path = labels.paths().get(i);
      if (path.isEmpty() || best.f1() < minF1 || counts.get(path.get()) < minLabelCount) {
        continue;
      }
      List<RelationPath> ties = best.paths().stream()
          .filter(p -> counts.getOrDefault(p, 0) >= minLabelCount).toList();
      examples.add(new PathClassifier.Example(masked.get(i), path.get(), ties));
    }
    return examples;
  }

  /** The candidates of the classifier's executed path for each labelled question. */
  static List<AnswerRankerFit.Group> rankerGroups(KbGraph graph, PathClassifier classifier,
      List<String> masked, List<PathLabeler.Example> examples) {
    PathEvaluation run = new PathEvaluation(graph, classifier, AnswerRanker.supportOnly(), 0);
    return java.util.stream.IntStream.range(0, masked.size()).parallel().boxed().flatMap(i -> {
      PathLabeler.Example x = examples.get(i);
      Optional<PathEvaluation.Executed> e = run.execute(x.topicKey(),
          classifier.rank(masked.get(i), PathEvaluation.FALLBACK_PATHS));
      if (e.isEmpty()) {
        return Stream.empty();
      }
      List<AnswerEvidence.Candidate> c = e.get().candidates();
      boolean[] gold = new boolean[c.size()];
      for (int k = 0; k < gold.length; k++) {
        gold[k] = x.goldKeys().contains(c.get(k).key());
      }
      return Stream.of(new AnswerRankerFit.Group(e.get().path().length(),
          c.stream().map(AnswerEvidence.Candidate::features).toList(), gold));
    }).toList();
  }
}
