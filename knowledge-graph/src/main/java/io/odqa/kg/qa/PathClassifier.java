package io.odqa.kg.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Maps a masked question ({@link QuestionFeatures}) to a ranked list of relation paths with
 * probabilities: multinomial logistic regression over binary unigram and bigram features,
 * trained with Adam (Kingma and Ba, 2015) and L2, examples shuffled each epoch by a seeded
 * {@link Random}. Moments and L2 are updated only for the features present in an example (the
 * usual "lazy" sparse approximation), which keeps an update proportional to the question.
 *
 * <p>The labels are the labelled paths of the examples. When the labeller found several
 * equally good paths for a question, the loss is the negative log of the probability of the
 * whole tie set, {@code -log sum_{p in ties} P(p | q)} (the marginal likelihood of weakly
 * supervised semantic parsing), so the text rather than a global tie-break decides between
 * "directed" and "wrote" for a director who also wrote the film. Features seen in fewer
 * than {@code minFeatureCount} training questions are dropped and weights below
 * {@code pruneBelow} are zeroed after training, which keeps the saved model small; the
 * in-memory model is pruned the same way so that a saved and reloaded model scores
 * identically.
 *
 * <p>Word dropout (Iyyer et al., 2015, "Deep Unordered Composition Rivals Syntactic Methods
 * for Text Classification", Section 3.2) makes the model robust to rephrased questions: each
 * time an example is visited, every token but the mask is dropped with probability
 * {@code wordDropout} before its features are taken. MetaQA's questions come from a few
 * hundred templates, so without it a single bigram that identifies the template (such as
 * {@code "in <e>"}) can decide the path on its own, and a paraphrase that lacks it is lost even
 * when it keeps the content word ("actors"). Dropout happens only in training: features and
 * scoring are unchanged, and so is the saved format.
 */
public final class PathClassifier {
  private static final String FORMAT = "odqa-path-classifier/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<RelationPath> labels;
  private final Map<String, Integer> features;
  /** weights[feature * labels + label]. */
  private final float[] weights;
  private final float[] bias;

  /**
   * A path with its probability.
   *
   * @param path the relation path
   * @param probability its softmax probability, in [0, 1]
   */
  public record Scored(RelationPath path, double probability) {}

  /**
   * A training example.
   *
   * @param maskedQuestion question with the topic mention masked as {@code <e>}
   * @param path its labelled path
   * @param alternatives paths that answer it equally well ({@link PathLabeler} ties),
   *     including {@code path}; the model is trained to put its mass on any of them
   */
  public record Example(String maskedQuestion, RelationPath path, List<RelationPath> alternatives) {
    public Example {
      if (maskedQuestion == null || path == null) {
        throw new IllegalArgumentException("maskedQuestion and path must not be null, got "
            + maskedQuestion + ", " + path);
      }
      alternatives = alternatives == null || alternatives.isEmpty() ? List.of(path)
          : List.copyOf(alternatives);
      if (!alternatives.contains(path)) {
        throw new IllegalArgumentException("alternatives " + alternatives + " lack " + path);
      }
    }

    /** An example with a single correct path. */
    public Example(String maskedQuestion, RelationPath path) {
      this(maskedQuestion, path, List.of(path));
    }
  }

  /**
   * Training settings.
   *
   * @param epochs passes over the data, >= 1
   * @param learningRate Adam step size, > 0
   * @param l2 L2 penalty, >= 0
   * @param seed seed of the shuffling
   * @param minFeatureCount fewest training questions a feature must occur in, >= 1
   * @param pruneBelow weights of smaller magnitude are zeroed after training, >= 0
   * @param wordDropout probability that a training question loses a token (never the mask)
   *     each time it is visited, in [0, 1)
   */
  public record Settings(int epochs, double learningRate, double l2, long seed,
      int minFeatureCount, double pruneBelow, double wordDropout) {
    public Settings {
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
      }
      if (!(l2 >= 0)) {
        throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
      }
      if (minFeatureCount < 1) {
        throw new IllegalArgumentException("minFeatureCount must be >= 1, got " + minFeatureCount);
      }
      if (!(pruneBelow >= 0)) {
        throw new IllegalArgumentException("pruneBelow must be >= 0, got " + pruneBelow);
      }
      if (!(wordDropout >= 0 && wordDropout < 1)) {
        throw new IllegalArgumentException("wordDropout must be in [0, 1), got " + wordDropout);
      }
    }

    /**
     * Defaults that fit MetaQA: 10 epochs, step 0.01, L2 1e-6, seed 42, features seen twice,
     * word dropout 0.1 (chosen on the held-out paraphrases of {@code 1hop-ntm-dev.jsonl}).
     */
    public static Settings defaults() {
      return new Settings(10, 0.01, 1e-6, 42, 2, 1e-3, 0.1);
    }

    /** These settings with another number of epochs and seed. */
    public Settings withEpochsAndSeed(int epochs, long seed) {
      return new Settings(epochs, learningRate, l2, seed, minFeatureCount, pruneBelow,
          wordDropout);
    }
  }

  private PathClassifier(List<RelationPath> labels, Map<String, Integer> features,
      float[] weights, float[] bias) {
    this.labels = List.copyOf(labels);
    this.features = features;
    this.weights = weights;
    this.bias = bias;
  }

  /** Trains a classifier; the label set is the sorted set of paths in {@code examples}. */
  public static PathClassifier train(List<Example> examples, Settings settings) {
    if (examples == null || examples.isEmpty()) {
      throw new IllegalArgumentException("examples must not be empty");
    }
    List<RelationPath> labels = new ArrayList<>(new TreeSet<>(
        examples.stream().map(Example::path).toList()));
    Map<RelationPath, Integer> labelIds = new HashMap<>();
    labels.forEach(p -> labelIds.put(p, labelIds.size()));
    Map<String, Integer> vocabulary = vocabulary(examples, settings.minFeatureCount());
    PathClassifier model = new PathClassifier(labels, vocabulary,
        new float[vocabulary.size() * labels.size()], new float[labels.size()]);
    List<List<String>> tokens = new ArrayList<>(examples.size());
    int[][] x = new int[examples.size()][];
    int[][] y = new int[examples.size()][];
    for (int i = 0; i < x.length; i++) {
      tokens.add(QuestionFeatures.tokens(examples.get(i).maskedQuestion()));
      x[i] = model.featureIds(QuestionFeatures.of(tokens.get(i)));
      // Alternatives that no example has as its label are not in the label set: dropped.
      y[i] = examples.get(i).alternatives().stream().map(labelIds::get)
          .filter(id -> id != null).mapToInt(Integer::intValue).sorted().toArray();
    }
    model.fit(tokens, x, y, settings);
    model.prune((float) settings.pruneBelow());
    return model;
  }

  /** Features in at least {@code minCount} examples, numbered in order of first occurrence. */
  private static Map<String, Integer> vocabulary(List<Example> examples, int minCount) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Example e : examples) {
      for (String f : QuestionFeatures.of(e.maskedQuestion())) {
        counts.merge(f, 1, Integer::sum);
      }
    }
    Map<String, Integer> vocabulary = new HashMap<>();
    counts.forEach((f, n) -> {
      if (n >= minCount) {
        vocabulary.put(f, vocabulary.size());
      }
    });
    return vocabulary;
  }

  /**
   * Adam over shuffled examples; with word dropout, an example's features {@code x[i]} are
   * taken afresh from its {@code tokens} at each visit. Without it no random number is drawn
   * for dropout, so a model trained with {@code wordDropout} 0 is the one earlier versions
   * trained.
   */
  private void fit(List<List<String>> tokens, int[][] x, int[][] y, Settings settings) {
    Random random = new Random(settings.seed());
    int[] order = new int[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Adam adam = new Adam(weights.length, bias.length, settings);
    double[] g = new double[labels.size()];
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      shuffle(order, random);
      for (int i : order) {
        int[] features = settings.wordDropout() > 0
            ? featureIds(QuestionFeatures.of(dropWords(tokens.get(i), settings.wordDropout(),
                random)))
            : x[i];
        gradient(features, y[i], g);
        adam.step(features, g, weights, bias);
      }
    }
  }

  /**
   * Gradient of {@code -log sum_{l in ties} p_l} with respect to the scores: {@code p_l -
   * q_l}, where q is p restricted to the ties and renormalised (one-hot for a single label).
   */
  private void gradient(int[] x, int[] ties, double[] g) {
    probabilities(x, g);
    double mass = 0;
    for (int l : ties) {
      mass += g[l];
    }
    double[] q = new double[ties.length];
    for (int j = 0; j < ties.length; j++) {
      q[j] = mass > 0 ? g[ties[j]] / mass : 1.0 / ties.length;
    }
    for (int j = 0; j < ties.length; j++) {
      g[ties[j]] -= q[j];
    }
  }

  /** {@code tokens} less each token but the mask with probability {@code p}. */
  private static List<String> dropWords(List<String> tokens, double p, Random random) {
    List<String> kept = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      if (t.equals(QuestionFeatures.MASK) || random.nextDouble() >= p) {
        kept.add(t);
      }
    }
    return kept;
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private void prune(float below) {
    for (int i = 0; i < weights.length; i++) {
      if (Math.abs(weights[i]) < below) {
        weights[i] = 0;
      }
    }
  }

  private int[] featureIds(List<String> names) {
    return names.stream().map(features::get)
        .filter(id -> id != null).mapToInt(Integer::intValue).toArray();
  }

  /** Softmax of the scores into {@code p}. */
  private void probabilities(int[] x, double[] p) {
    int n = labels.size();
    for (int l = 0; l < n; l++) {
      p[l] = bias[l];
    }
    for (int f : x) {
      for (int l = 0, row = f * n; l < n; l++) {
        p[l] += weights[row + l];
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double s : p) {
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int l = 0; l < n; l++) {
      p[l] = Math.exp(p[l] - max);
      sum += p[l];
    }
    for (int l = 0; l < n; l++) {
      p[l] /= sum;
    }
  }

  /** The {@code k} most probable paths, most probable first, ties by path. */
  public List<Scored> rank(String maskedQuestion, int k) {
    if (maskedQuestion == null) {
      throw new IllegalArgumentException("maskedQuestion must not be null");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    double[] p = new double[labels.size()];
    probabilities(featureIds(QuestionFeatures.of(maskedQuestion)), p);
    List<Scored> scored = new ArrayList<>(labels.size());
    for (int l = 0; l < p.length; l++) {
      scored.add(new Scored(labels.get(l), p[l]));
    }
    // Labels are sorted, so a stable sort by probability breaks ties by path.
    scored.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    return List.copyOf(scored.subList(0, Math.min(k, scored.size())));
  }

  /** The paths this model can predict, sorted. */
  public List<RelationPath> labels() {
    return labels;
  }

  /** Number of features kept. */
  public int featureCount() {
    return features.size();
  }

  /**
   * Writes the model as JSON: labels and feature names as text, and the nonzero weights as
   * base64 of big-endian int32 positions and float32 values, which is exact and a fraction of
   * the size of decimal text.
   */
  public void save(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode labelArray = root.putArray("labels");
    labels.forEach(p -> labelArray.add(p.toString()));
    String[] names = new String[features.size()];
    features.forEach((f, id) -> names[id] = f);
    ArrayNode featureArray = root.putArray("features");
    for (String name : names) {
      featureArray.add(name);
    }
    root.put("bias", floats(bias, bias.length));
    int nonzero = 0;
    for (float w : weights) {
      nonzero += w != 0 ? 1 : 0;
    }
    ByteBuffer positions = ByteBuffer.allocate(4 * nonzero);
    float[] values = new float[nonzero];
    for (int i = 0, j = 0; i < weights.length; i++) {
      if (weights[i] != 0) {
        positions.putInt(i);
        values[j++] = weights[i];
      }
    }
    root.put("weightPositions", positions.array());
    root.put("weightValues", floats(values, nonzero));
    JSON.writeValue(file.toFile(), root);
  }

  /** Reads a model written by {@link #save}. */
  public static PathClassifier load(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IOException(file + ": format must be " + FORMAT + ", got '"
          + root.path("format").asText() + "'");
    }
    List<RelationPath> labels = new ArrayList<>();
    root.path("labels").forEach(l -> labels.add(RelationPath.parse(l.asText())));
    Map<String, Integer> features = new HashMap<>();
    root.path("features").forEach(f -> features.put(f.asText(), features.size()));
    float[] bias = floats(root.path("bias").binaryValue());
    ByteBuffer positions = ByteBuffer.wrap(root.path("weightPositions").binaryValue());
    float[] values = floats(root.path("weightValues").binaryValue());
    float[] weights = new float[features.size() * labels.size()];
    for (float v : values) {
      weights[positions.getInt()] = v;
    }
    if (bias.length != labels.size()) {
      throw new IOException(file + ": " + bias.length + " biases for " + labels.size() + " labels");
    }
    return new PathClassifier(labels, features, weights, bias);
  }

  private static byte[] floats(float[] values, int n) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * n);
    for (int i = 0; i < n; i++) {
      buffer.putFloat(values[i]);
    }
    return buffer.array();
  }

  private static float[] floats(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    float[] values = new float[bytes.length / 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getFloat();
    }
    return values;
  }
}
