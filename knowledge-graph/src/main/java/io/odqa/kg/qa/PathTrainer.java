package io.odqa.kg.qa;

import io.odqa.kg.qa.MetaQaQuestions.Question;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Trains and evaluates the MetaQA relation-path model from the command line:
 *
 * <pre>
 * PathTrainer --kb kb.txt --questions 1hop.jsonl,2hop.jsonl,3hop.jsonl --out model.json
 *             [--epochs N] [--seed S] [--lr R] [--l2 L] [--word-dropout P] [--min-f1 F]
 *             [--min-label-count N] [--errors N] [--eval-extra FILE[=TEMPLATE][,...]]
 * </pre>
 *
 * It labels the training part of the questions ({@link MetaQaQuestions} split) with
 * {@link PathLabeler}, trains a {@link PathClassifier}, and reports on the held-out part the
 * path accuracy (predicted path equals the labelled path, over questions with a label) and the
 * answer Hits@1 with the gold topic entity (over all held-out questions): the most probable
 * path that reaches anything is executed from the topic, answers are ranked by an
 * {@link AnswerRanker} fitted on the training part (written beside the model as
 * {@value AnswerRanker#FILE_NAME}), and the first must be a gold answer. It also prints the
 * classifier's scoring time per held-out question.
 *
 * <p>{@code --eval-extra} reports the same figures on the held-out part of further question
 * files that are not trained on, such as MetaQA's paraphrased {@code 1hop-ntm-dev.jsonl}. The
 * split hashes the question text, so a paraphrase lands on its own side of it, independent of
 * its template's; {@code FILE=TEMPLATE} says that line i of FILE paraphrases line i of TEMPLATE
 * (checked by their answers) and holds out exactly the paraphrases of TEMPLATE's held-out
 * questions.
 */
public final class PathTrainer {
  private PathTrainer() {}

  /** A question prepared for labelling and evaluation. */
  private record Item(Question question, String masked, PathLabeler.Example example) {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = parse(args);
    long started = System.nanoTime();
    KbGraph graph = KbGraph.read(Path.of(require(options, "kb")));
    System.out.printf(Locale.ROOT, "kb: %d nodes, %d edges, %d relations, %d rows skipped (%.1fs)%n",
        graph.nodeCount(), graph.edgeCount(), graph.relations().size(), graph.skippedRows(),
        seconds(started));
    List<Item> train = new ArrayList<>();
    List<Item> heldOut = new ArrayList<>();
    for (String file : require(options, "questions").split(",")) {
      for (Question q : MetaQaQuestions.read(Path.of(file.strip()))) {
        (q.heldOut() ? heldOut : train).add(item(q));
      }
    }
    System.out.printf(Locale.ROOT, "questions: %d train, %d held out%n", train.size(),
        heldOut.size());

    long t = System.nanoTime();
    PathLabeler labeler = new PathLabeler(graph, PathLabeler.DEFAULT_FRONTIER_CAP);
    PathLabeler.Labels trainLabels = labeler.label(examples(train));
    PathLabeler.Labels heldOutLabels = labeler.label(examples(heldOut), trainLabels.frequency());
    System.out.printf(Locale.ROOT, "labelling: %.1fs%n", seconds(t));
    printCounts("train", train, trainLabels);
    printCounts("held-out", heldOut, heldOutLabels);

    t = System.nanoTime();
    List<PathClassifier.Example> examples = GraphTraining.classifierExamples(masked(train),
        trainLabels, Double.parseDouble(options.getOrDefault("min-f1",
            String.valueOf(GraphTraining.MIN_F1))),
        Integer.parseInt(options.getOrDefault("min-label-count",
            String.valueOf(GraphTraining.MIN_LABEL_COUNT))));
    System.out.printf(Locale.ROOT, "training examples: %d%n", examples.size());
    PathClassifier.Settings settings = settings(options);
    PathClassifier classifier = PathClassifier.train(examples, settings);
    System.out.printf(Locale.ROOT, "classifier: %d labels, %d features, %s (%.1fs)%n",
        classifier.labels().size(), classifier.featureCount(), settings, seconds(t));

    t = System.nanoTime();
    List<AnswerRankerFit.Group> groups = GraphTraining.rankerGroups(graph, classifier,
        masked(train), examples(train));
    AnswerRanker ranker = AnswerRankerFit.fit(groups, AnswerRankerFit.Settings.defaults());
    long informative = groups.stream().filter(AnswerRankerFit.Group::informative).count();
    System.out.printf(Locale.ROOT, "answer ranker: %d training questions with partly gold "
        + "candidates, %s (%.1fs)%n", informative, AnswerRankerFit.Settings.defaults(),
        seconds(t));
    for (int h = 1; h <= RelationPath.MAX_HOPS; h++) {
      System.out.printf(Locale.ROOT, "  %d-hop weights %s%n", h,
          java.util.Arrays.toString(ranker.weights(h)));
    }

    int errors = Integer.parseInt(options.getOrDefault("errors", "10"));
    PathEvaluation evaluation = new PathEvaluation(graph, classifier, ranker, errors);
    Map<String, Object> figures = evaluation.report("held-out", questions(heldOut),
        masked(heldOut), heldOutLabels.paths());
    System.out.printf(Locale.ROOT, "classifier scoring: %.1f us per question%n",
        PathEvaluation.rankMicros(classifier, masked(heldOut)));
    Map<String, Object> extraFigures = new java.util.LinkedHashMap<>();
    for (String entry : options.getOrDefault("eval-extra", "").split(",")) {
      if (!entry.isBlank()) {
        List<Item> extra = MetaQaQuestions.heldOut(entry).stream().map(PathTrainer::item).toList();
        extraFigures.put(fileNames(entry), evaluation.report("held-out " + fileNames(entry),
            questions(extra), masked(extra),
            labeler.label(examples(extra), trainLabels.frequency()).paths()));
      }
    }

    Path out = Path.of(require(options, "out"));
    classifier.save(out);
    System.out.printf(Locale.ROOT, "model: %s (%d bytes)%n", out, Files.size(out));
    Path rankerOut = out.resolveSibling(AnswerRanker.FILE_NAME);
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put("trained_on", "MetaQA dev minus the held-out fifth (MetaQaQuestions.isHeldOut), "
        + "candidates of the classifier's executed path");
    report.put("informative_training_questions", informative);
    report.put("fit", AnswerRankerFit.Settings.defaults().toString());
    report.put("held_out_gold_entity", figures);
    if (!extraFigures.isEmpty()) {
      report.put("held_out_gold_entity_extra", extraFigures);
    }
    ranker.save(rankerOut, report);
    System.out.printf(Locale.ROOT, "answer ranker: %s%n", rankerOut);
    System.out.printf(Locale.ROOT, "wall time: %.1fs%n", seconds(started));
  }

  private static PathClassifier.Settings settings(Map<String, String> options) {
    PathClassifier.Settings d = PathClassifier.Settings.defaults();
    return new PathClassifier.Settings(
        Integer.parseInt(options.getOrDefault("epochs", String.valueOf(d.epochs()))),
        Double.parseDouble(options.getOrDefault("lr", String.valueOf(d.learningRate()))),
        Double.parseDouble(options.getOrDefault("l2", String.valueOf(d.l2()))),
        Long.parseLong(options.getOrDefault("seed", String.valueOf(d.seed()))),
        d.minFeatureCount(), d.pruneBelow(),
        Double.parseDouble(options.getOrDefault("word-dropout", String.valueOf(d.wordDropout()))));
  }

  /** {@code FILE=TEMPLATE} with the folders left out. */
  private static String fileNames(String entry) {
    return java.util.Arrays.stream(entry.split("=", 2))
        .map(f -> String.valueOf(Path.of(f.strip()).getFileName()))
        .collect(Collectors.joining("="));
  }

  private static Item item(Question q) {
    return new Item(q, QuestionFeatures.mask(q.text()), GraphTraining.example(q));
  }

  private static List<PathLabeler.Example> examples(List<Item> items) {
    return items.stream().map(Item::example).toList();
  }

  private static List<Question> questions(List<Item> items) {
    return items.stream().map(Item::question).toList();
  }

  private static List<String> masked(List<Item> items) {
    return items.stream().map(Item::masked).toList();
  }

  private static void printCounts(String part, List<Item> items, PathLabeler.Labels labels) {
    for (int hops = 1; hops <= RelationPath.MAX_HOPS; hops++) {
      int labelled = 0;
      int unlabelled = 0;
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).question().hops() == hops) {
          if (labels.paths().get(i).isPresent()) {
            labelled++;
          } else {
            unlabelled++;
          }
        }
      }
      System.out.printf(Locale.ROOT, "%s %d-hop: %d labelled, %d unlabelled%n", part, hops,
          labelled, unlabelled);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String require(Map<String, String> options, String name) {
    return Optional.ofNullable(options.get(name)).orElseThrow(
        () -> new IllegalArgumentException("missing required option --" + name));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
