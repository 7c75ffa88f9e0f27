package io.odqa.kg.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Orders the end nodes of a relation path by KB evidence: a linear score over
 * {@code log(1 + x)} of the four counts of {@link Features}, with one weight vector per hop
 * count, highest score first, ties by key (in memory) or by name and uid (in Cypher). The
 * weights are learned by {@link AnswerRankerFit} on training questions; {@link #supportOnly()}
 * ranks by the number of walks alone, the ranking this class replaces.
 *
 * <p>The same score is computed in memory ({@link #rank}) and in Cypher by
 * {@link PathExecutor}, which passes {@link #weights(int)} as a parameter.
 */
public final class AnswerRanker {
  /** The ranker's file name, beside the path classifier's ({@code models/kgqa/}). */
  public static final String FILE_NAME = "ranker.json";

  private static final String FORMAT = "odqa-answer-ranker/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The evidence for one candidate answer, see {@link AnswerEvidence.Candidate}.
   *
   * @param walks distinct walks along the path that reach it, >= 1
   * @param viaTopicTag walks through a node that is a {@code has_tags} value of the topic
   * @param lastTagged walks whose last hop leaves a node tagged with the answer's name
   * @param degree relationships of the answer node
   */
  public record Features(long walks, long viaTopicTag, long lastTagged, long degree) {
    public Features {
      if (walks < 1 || viaTopicTag < 0 || lastTagged < 0 || degree < 0
          || viaTopicTag > walks || lastTagged > walks) {
        throw new IllegalArgumentException("features must satisfy walks >= 1 and 0 <= "
            + "viaTopicTag, lastTagged <= walks, degree >= 0; got " + walks + ", "
            + viaTopicTag + ", " + lastTagged + ", " + degree);
      }
    }

    /** {@code log(1 + x)} of each count, in record order: the inputs of the score. */
    double[] vector() {
      return new double[] {log1(walks), log1(viaTopicTag), log1(lastTagged), log1(degree)};
    }

    /** {@code log(1 + x)} written as Cypher's {@code log(1.0 + x)} computes it. */
    private static double log1(long x) {
      return Math.log(1.0 + x);
    }
  }

  /** The number of features, the length of every weight vector. */
  public static final int FEATURES = 4;

  /** weights[hops - 1][feature]. */
  private final double[][] weights;

  /** A ranker with {@code weights[h - 1]} the weights for paths of h hops, each finite. */
  public AnswerRanker(double[][] weights) {
    if (weights == null || weights.length != RelationPath.MAX_HOPS) {
      throw new IllegalArgumentException("weights must have one row per hop count (3), got "
          + (weights == null ? "null" : weights.length));
    }
    this.weights = new double[RelationPath.MAX_HOPS][];
    for (int h = 0; h < weights.length; h++) {
      if (weights[h] == null || weights[h].length != FEATURES) {
        throw new IllegalArgumentException("weights of " + (h + 1) + "-hop paths must have "
            + FEATURES + " values, got " + (weights[h] == null ? "null" : weights[h].length));
      }
      for (double w : weights[h]) {
        if (!Double.isFinite(w)) {
          throw new IllegalArgumentException("weights must be finite, got " + w + " for "
              + (h + 1) + "-hop paths");
        }
      }
      this.weights[h] = weights[h].clone();
    }
  }

  /** Ranks by walks only (weight 1 on {@code log(1 + walks)}), ties by key. */
  public static AnswerRanker supportOnly() {
    double[][] w = new double[RelationPath.MAX_HOPS][FEATURES];
    for (double[] row : w) {
      row[0] = 1;
    }
    return new AnswerRanker(w);
  }

  /** A copy of the weights used for paths of {@code hops} hops. */
  public double[] weights(int hops) {
    if (hops < 1 || hops > RelationPath.MAX_HOPS) {
      throw new IllegalArgumentException("hops must be in [1, 3], got " + hops);
    }
    return weights[hops - 1].clone();
  }

  /** The score of an answer reached by a path of {@code hops} hops. */
  public double score(int hops, Features features) {
    double[] w = weights[hopsIndex(hops)];
    double[] x = features.vector();
    double s = 0;
    for (int i = 0; i < FEATURES; i++) {
      s += w[i] * x[i];
    }
    return s;
  }

  /** A candidate with its score. */
  public record Ranked(String key, Features features, double score) {}

  /** The candidates of a path of {@code hops} hops, best first, ties by key. */
  List<Ranked> rank(int hops, List<AnswerEvidence.Candidate> candidates) {
    List<Ranked> ranked = new ArrayList<>(candidates.size());
    for (AnswerEvidence.Candidate c : candidates) {
      Features f = c.features();
      ranked.add(new Ranked(c.key(), f, score(hops, f)));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
        .thenComparing(Ranked::key));
    return ranked;
  }

  /** Writes the weights and a free-form training {@code report} as JSON. */
  public void save(Path file, Map<String, ?> report) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.putArray("features").add("log1p_walks").add("log1p_via_topic_tag")
        .add("log1p_last_tagged").add("log1p_degree");
    ObjectNode byHops = root.putObject("weights");
    for (int h = 0; h < weights.length; h++) {
      var row = byHops.putArray((h + 1) + "-hop");
      for (double w : weights[h]) {
        row.add(w);
      }
    }
    root.set("report", JSON.valueToTree(report));
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  /** Reads weights written by {@link #save}. */
  public static AnswerRanker load(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IOException(file + ": format must be " + FORMAT + ", got '"
          + root.path("format").asText() + "'");
    }
    double[][] w = new double[RelationPath.MAX_HOPS][FEATURES];
    for (int h = 0; h < w.length; h++) {
      JsonNode row = root.path("weights").path((h + 1) + "-hop");
      if (row.size() != FEATURES) {
        throw new IOException(file + ": weights." + (h + 1) + "-hop must have " + FEATURES
            + " numbers, got " + row);
      }
      for (int i = 0; i < FEATURES; i++) {
        w[h][i] = row.get(i).asDouble(Double.NaN);
      }
    }
    try {
      return new AnswerRanker(w);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static int hopsIndex(int hops) {
    if (hops < 1 || hops > RelationPath.MAX_HOPS) {
      throw new IllegalArgumentException("hops must be in [1, 3], got " + hops);
    }
    return hops - 1;
  }
}
