package io.odqa.kg.qa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Weak supervision for relation paths: for a question with a topic entity, gold answers and a
 * hop count h, every path of exactly h hops over all relations in both directions is followed
 * from the topic, and the paths whose answers have the highest F1 against the gold answers
 * are kept. A question whose best F1 is 0 gets no label.
 *
 * <p><b>Ties.</b> Several paths often reach the same answers (a director who also wrote the
 * film). They are resolved in two passes over a training set: the first pass finds each
 * question's tied best paths and gives each of them weight 1/k when k paths tie, so a path
 * that is the unique best somewhere outweighs one that only ever shares the lead; the second
 * pass picks, among a question's tied paths, the one with the highest total weight, then the
 * lexicographically smallest ({@link RelationPath#compareTo}).
 *
 * <p>Paths are followed as {@link KbGraph#follow} does: never through the topic again.
 *
 * <p><b>Pruning.</b> Only a prefix that reaches at least one and at most {@code frontierCap}
 * nodes is extended. The last hop is taken only when the frontier contains a node one
 * inverse hop back from a gold answer, since otherwise its F1 is 0.
 */
public final class PathLabeler {
  /** Default largest frontier that is extended further. */
  public static final int DEFAULT_FRONTIER_CAP = 20_000;

  private final KbGraph graph;
  private final int frontierCap;
  private final List<RelationPath.Hop> hopTypes = new ArrayList<>();
  private final ThreadLocal<KbGraph.Marks> marks;

  /**
   * One training question.
   *
   * @param topicKey entity key of the topic
   * @param goldKeys entity keys of the gold answers
   * @param hops path length to enumerate, 1 to 3
   */
  public record Example(String topicKey, Set<String> goldKeys, int hops) {
    public Example {
      if (hops < 1 || hops > RelationPath.MAX_HOPS) {
        throw new IllegalArgumentException("hops must be in [1, 3], got " + hops);
      }
      goldKeys = Set.copyOf(goldKeys);
    }
  }

  /**
   * The best paths of one question.
   *
   * @param paths the tied best paths, sorted; empty when nothing reaches a gold answer
   * @param f1 their F1
   */
  public record Best(List<RelationPath> paths, double f1) {
    static final Best NONE = new Best(List.of(), 0);
  }

  /**
   * Labels of a set of questions, in input order.
   *
   * @param best each question's tied best paths
   * @param paths each question's label after tie resolution, empty when unlabelled
   * @param frequency the first-pass weight of each path, used to resolve ties
   */
  public record Labels(List<Best> best, List<Optional<RelationPath>> paths,
      Map<RelationPath, Double> frequency) {
    /** Questions that got a label. */
    public int labelled() {
      return (int) paths.stream().filter(Optional::isPresent).count();
    }

    /** Questions whose best F1 was 0. */
    public int unlabelled() {
      return paths.size() - labelled();
    }
  }

  public PathLabeler(KbGraph graph, int frontierCap) {
    if (graph == null) {
      throw new IllegalArgumentException("graph must not be null");
    }
    if (frontierCap < 1) {
      throw new IllegalArgumentException("frontierCap must be >= 1, got " + frontierCap);
    }
    this.graph = graph;
    this.frontierCap = frontierCap;
    for (String relation : graph.relations()) {
      hopTypes.add(new RelationPath.Hop(relation, false));
      hopTypes.add(new RelationPath.Hop(relation, true));
    }
    this.marks = ThreadLocal.withInitial(graph::newMarks);
  }

  /** Labels {@code examples}, with tie weights taken from these same examples (two passes). */
  public Labels label(List<Example> examples) {
    List<Best> best = examples.parallelStream().map(this::best).toList();
    return resolveAll(best, frequency(best));
  }

  /** Labels {@code examples} with tie weights from elsewhere, e.g. a training set. */
  public Labels label(List<Example> examples, Map<RelationPath, Double> frequency) {
    return resolveAll(examples.parallelStream().map(this::best).toList(), frequency);
  }

  private static Labels resolveAll(List<Best> best, Map<RelationPath, Double> frequency) {
    List<Optional<RelationPath>> paths = best.stream()
        .map(b -> b.paths().isEmpty() ? Optional.<RelationPath>empty()
            : Optional.of(resolve(b.paths(), frequency)))
        .toList();
    return new Labels(best, paths, frequency);
  }

  /** First-pass weights: each question gives 1/k to each of its k tied best paths. */
  public static Map<RelationPath, Double> frequency(List<Best> best) {
    Map<RelationPath, Double> weights = new TreeMap<>();
    for (Best b : best) {
      for (RelationPath p : b.paths()) {
        weights.merge(p, 1.0 / b.paths().size(), Double::sum);
      }
    }
    return weights;
  }

  /** The tied path with the highest weight, then the lexicographically smallest. */
  public static RelationPath resolve(List<RelationPath> ties, Map<RelationPath, Double> weights) {
    if (ties.isEmpty()) {
      throw new IllegalArgumentException("ties must not be empty");
    }
    return ties.stream()
        .min(Comparator.comparingDouble((RelationPath p) -> -weights.getOrDefault(p, 0.0))
            .thenComparing(Comparator.naturalOrder()))
        .orElseThrow();
  }

  /** All paths of exactly {@code example.hops()} hops that share the highest F1 > 0. */
  public Best best(Example example) {
    Search search = search(example, false);
    if (search == null || search.ties.isEmpty()) {
      return Best.NONE;
    }
    List<RelationPath> ties = new ArrayList<>(search.ties);
    ties.sort(null);
    return new Best(List.copyOf(ties), 2.0 * search.bestTp / search.bestDen);
  }

  /**
   * Every path of exactly {@code example.hops()} hops that reaches a gold answer, with its F1.
   * Feedback names one right answer of a question that may have many (every film of an actor),
   * so the path with the best F1 against it is often a detour that happens to reach only it;
   * the caller weighs these paths by what else it knows.
   */
  public Map<RelationPath, Double> reaching(Example example) {
    Search search = search(example, true);
    return search == null ? Map.of() : search.reaching;
  }

  private Search search(Example example, boolean collectAll) {
    int start = graph.id(example.topicKey());
    int[] gold = example.goldKeys().stream().mapToInt(graph::id).filter(id -> id >= 0)
        .filter(id -> id != start).sorted().toArray();
    if (start < 0 || gold.length == 0) {
      return null;
    }
    Search search = new Search(start, gold, example.goldKeys().size(), marks.get(),
        collectAll ? new TreeMap<>() : null);
    for (int t = 0; t < hopTypes.size(); t++) {
      RelationPath.Hop h = hopTypes.get(t);
      // Not excluding the topic here: it is the frontier of a one-hop path's last hop.
      int[] back = graph.step(gold, graph.relationId(h.relation()), !h.inverse(), -1,
          Integer.MAX_VALUE, search.marks);
      Arrays.sort(back);
      search.lastHopSources[t] = back;
    }
    extend(search, new int[example.hops()], 0, new int[] {start});
    return search;
  }

  private void extend(Search s, int[] path, int depth, int[] frontier) {
    boolean last = depth == path.length - 1;
    for (int t = 0; t < hopTypes.size(); t++) {
      if (last && !intersects(frontier, s.lastHopSources[t])) {
        continue;
      }
      RelationPath.Hop h = hopTypes.get(t);
      int[] next = graph.step(frontier, graph.relationId(h.relation()), h.inverse(), s.start,
          last ? Integer.MAX_VALUE : frontierCap, s.marks);
      if (next == null || next.length == 0) {
        continue;
      }
      path[depth] = t;
      if (last) {
        score(s, path, next);
      } else {
        extend(s, path, depth + 1, next);
      }
    }
  }

  /** Keeps {@code path} when its F1 = 2 tp / (|answers| + |gold|) ties or beats the best. */
  private void score(Search s, int[] path, int[] answers) {
    int tp = 0;
    for (int node : answers) {
      tp += Arrays.binarySearch(s.gold, node) >= 0 ? 1 : 0;
    }
    long den = answers.length + (long) s.goldSize;
    if (tp == 0) {
      return;
    }
    if (s.reaching != null) {
      s.reaching.put(toPath(path), 2.0 * tp / den);
    }
    // Compare tp/den exactly by cross-multiplying, so that ties are ties.
    long cmp = (long) tp * s.bestDen - (long) s.bestTp * den;
    if (cmp > 0) {
      s.bestTp = tp;
      s.bestDen = den;
      s.ties.clear();
    }
    if (cmp >= 0) {
      s.ties.add(toPath(path));
    }
  }

  private RelationPath toPath(int[] path) {
    List<RelationPath.Hop> hops = new ArrayList<>(path.length);
    for (int t : path) {
      hops.add(hopTypes.get(t));
    }
    return new RelationPath(hops);
  }

  private static boolean intersects(int[] nodes, int[] sorted) {
    if (sorted.length == 0) {
      return false;
    }
    for (int node : nodes) {
      if (Arrays.binarySearch(sorted, node) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Per-question search state. */
  private final class Search {
    final int start;
    final int[] gold;
    final int goldSize;
    final KbGraph.Marks marks;
    final int[][] lastHopSources = new int[hopTypes.size()][];
    final List<RelationPath> ties = new ArrayList<>();
    /** Every path that reaches a gold answer, with its F1; null unless asked for. */
    final Map<RelationPath, Double> reaching;
    long bestTp;
    long bestDen = 1;

    Search(int start, int[] gold, int goldSize, KbGraph.Marks marks,
        Map<RelationPath, Double> reaching) {
      this.start = start;
      this.gold = gold;
      this.goldSize = goldSize;
      this.marks = marks;
      this.reaching = reaching;
    }
  }
}
