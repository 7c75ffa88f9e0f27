package io.odqa.kg.qa;

import io.odqa.kg.resolve.EntityKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An in-memory directed multigraph of {@code (head, relation, tail)} triples whose nodes are
 * {@link EntityKey} keys, so that a node here is the node of the same name in Neo4j. Each
 * (relation, direction) pair has its own compressed adjacency (CSR: an offsets array over
 * node ids and a targets array), which keeps MetaQA (43k nodes, 129k edges) at a few
 * megabytes and makes one hop a scan of contiguous ints. Duplicate triples are stored once,
 * so that the support of an answer counts distinct paths.
 */
public final class KbGraph {
  private final Map<String, Integer> ids;
  private final String[] keys;
  private final String[] names;
  private final List<String> relations;
  private final Map<String, Integer> relationIndex;
  /** offsets[2 * relation + (inverse ? 1 : 0)][node .. node + 1] delimit targets of node. */
  private final int[][] offsets;
  private final int[][] targets;
  private final int skippedRows;

  private KbGraph(Map<String, Integer> ids, String[] keys, String[] names,
      List<String> relations, int[][] offsets, int[][] targets, int skippedRows) {
    this.ids = ids;
    this.keys = keys;
    this.names = names;
    this.relations = List.copyOf(relations);
    this.relationIndex = new HashMap<>();
    for (int r = 0; r < relations.size(); r++) {
      relationIndex.put(relations.get(r), r);
    }
    this.offsets = offsets;
    this.targets = targets;
    this.skippedRows = skippedRows;
  }

  /**
   * Builds a graph from rows {@code [head, relation, tail]}. Rows of another length or with a
   * blank key or relation are skipped and counted ({@link #skippedRows()}).
   */
  public static KbGraph fromTriples(Iterable<String[]> rows) {
    if (rows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    KbGraphBuilder builder = new KbGraphBuilder();
    for (String[] row : rows) {
      builder.add(row);
    }
    return builder.build();
  }

  /**
   * Reads the facts of {@code collection} from Neo4j: every relationship between two of its
   * entities, by the relation name it was written with. This is the graph that {@code /ask}
   * queries, so paths labelled on it are paths {@link PathExecutor} can run.
   */
  public static KbGraph fromNeo4j(io.odqa.kg.GraphClient graph, String collection,
      java.time.Duration timeout) {
    List<String[]> rows = graph.readOnce(tx -> tx.run("""
        MATCH (h:Entity {collection: $collection})-[r]->(t:Entity {collection: $collection})
        RETURN h.name AS h, coalesce(r.relation, type(r)) AS r, t.name AS t
        """, java.util.Map.of("collection", collection))
        .list(r -> new String[] {r.get("h").asString(""), r.get("r").asString(""),
            r.get("t").asString("")}), timeout);
    return fromTriples(rows);
  }

  /** Reads MetaQA's {@code kb.txt}: one {@code head|relation|tail} triple per line. */
  public static KbGraph read(Path kbTxt) throws IOException {
    if (kbTxt == null || !Files.isRegularFile(kbTxt)) {
      throw new IllegalArgumentException("kb file must be a readable file, got " + kbTxt);
    }
    try (Stream<String> lines = Files.lines(kbTxt, StandardCharsets.UTF_8)) {
      Stream<String[]> rows = lines.filter(l -> !l.isBlank()).map(l -> l.split("\\|", -1));
      return fromTriples(rows::iterator);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static KbGraph assemble(Map<String, Integer> ids, String[] keys, String[] names,
      List<String> relations, int[][] offsets, int[][] targets, int skippedRows) {
    return new KbGraph(ids, keys, names, relations, offsets, targets, skippedRows);
  }

  /** Number of distinct nodes (entity keys). */
  public int nodeCount() {
    return keys.length;
  }

  /** Number of distinct {@code (head, relation, tail)} edges. */
  public int edgeCount() {
    int n = 0;
    for (int slot = 0; slot < targets.length; slot += 2) {
      n += targets[slot].length;
    }
    return n;
  }

  /** Rows that could not be read as a triple. */
  public int skippedRows() {
    return skippedRows;
  }

  /** Relation types present, sorted. */
  public List<String> relations() {
    return relations;
  }

  /** Whether a node has this key. */
  public boolean contains(String key) {
    return key != null && ids.containsKey(key);
  }

  /** The first surface form seen for the node {@code key}, if the node exists. */
  public Optional<String> displayName(String key) {
    int id = id(key);
    return id < 0 ? Optional.empty() : Optional.of(names[id]);
  }

  /**
   * The keys of the nodes at the end of {@code path} from {@code startKey}, sorted. Walks
   * never pass through {@code startKey} again, neither at the end nor in between: MetaQA
   * answers never contain the topic entity, and "films whose actors also appear in [X]" means
   * films other than X, so "years of films whose actors also appear in [X]" must not reach
   * X's own year through X. Empty when the start key or a relation is unknown.
   */
  public Set<String> follow(String startKey, RelationPath path) {
    return Collections.unmodifiableSet(new TreeSet<>(followWithSupport(startKey, path).keySet()));
  }

  /**
   * Like {@link #follow} but with, for each end node, the number of distinct walks (node
   * sequences) along {@code path} that reach it, saturated at {@link Integer#MAX_VALUE}. The
   * map iterates by support, highest first, then by key, so its first entry is the best
   * supported answer.
   */
  public Map<String, Integer> followWithSupport(String startKey, RelationPath path) {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
    int start = id(startKey);
    if (start < 0) {
      return Map.of();
    }
    long[] counts = new long[keys.length];
    int[] frontier = {start};
    long[] frontierCounts = {1};
    for (RelationPath.Hop hop : path.hops()) {
      Integer r = relationIndex.get(hop.relation());
      if (r == null) {
        return Map.of();
      }
      int slot = slot(r, hop.inverse());
      int[] next = new int[16];
      int size = 0;
      for (int i = 0; i < frontier.length; i++) {
        for (int e = offsets[slot][frontier[i]]; e < offsets[slot][frontier[i] + 1]; e++) {
          int t = targets[slot][e];
          if (counts[t] == 0) {
            next = size == next.length ? Arrays.copyOf(next, size * 2) : next;
            next[size++] = t;
          }
          counts[t] = Math.min(Long.MAX_VALUE / 2, counts[t] + frontierCounts[i]);
        }
      }
      frontier = new int[size];
      frontierCounts = new long[size];
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (next[i] != start) {
          frontier[kept] = next[i];
          frontierCounts[kept++] = counts[next[i]];
        }
        counts[next[i]] = 0;
      }
      frontier = Arrays.copyOf(frontier, kept);
      frontierCounts = Arrays.copyOf(frontierCounts, kept);
    }
    return bySupport(frontier, frontierCounts);
  }

  private Map<String, Integer> bySupport(int[] nodes, long[] counts) {
    List<Integer> order = new ArrayList<>(nodes.length);
    for (int i = 0; i < nodes.length; i++) {
      order.add(i);
    }
    order.sort((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a])
        : keys[nodes[a]].compareTo(keys[nodes[b]]));
    Map<String, Integer> result = new LinkedHashMap<>();
    for (int i : order) {
      result.put(keys[nodes[i]], (int) Math.min(Integer.MAX_VALUE, counts[i]));
    }
    return Collections.unmodifiableMap(result);
  }

  // ---- int-level access for PathLabeler, which enumerates thousands of paths per question.

  /** Node id of {@code key}, or -1. */
  int id(String key) {
    Integer id = key == null ? null : ids.get(key);
    return id == null ? -1 : id;
  }

  /** Index of {@code relation} in {@link #relations()}, or -1. */
  int relationId(String relation) {
    Integer r = relationIndex.get(relation);
    return r == null ? -1 : r;
  }

  /**
   * The distinct nodes one hop from {@code from} other than {@code excluded} (the topic, see
   * {@link #follow}; -1 for none), in first-reached order, or null when there are more than
   * {@code cap}. {@code marks} is caller-owned scratch so that this allocates only its result
   * and stays safe to call from several threads.
   */
  int[] step(int[] from, int relation, boolean inverse, int excluded, int cap, Marks marks) {
    int slot = slot(relation, inverse);
    int[] off = offsets[slot];
    int[] tgt = targets[slot];
    marks.reset();
    if (excluded >= 0) {
      marks.add(excluded);
    }
    int[] next = new int[Math.max(4, Math.min(cap, from.length * 2))];
    int size = 0;
    for (int node : from) {
      for (int e = off[node]; e < off[node + 1]; e++) {
        if (marks.add(tgt[e])) {
          if (size == cap) {
            return null;
          }
          next = size == next.length ? Arrays.copyOf(next, Math.min(cap, size * 2)) : next;
          next[size++] = tgt[e];
        }
      }
    }
    return Arrays.copyOf(next, size);
  }

  /** Offsets of the adjacency of (relation, direction); shared, never to be modified. */
  int[] offsets(int relation, boolean inverse) {
    return offsets[slot(relation, inverse)];
  }

  /** Targets of the adjacency of (relation, direction); shared, never to be modified. */
  int[] targets(int relation, boolean inverse) {
    return targets[slot(relation, inverse)];
  }

  /** The key of node {@code id}. */
  String key(int id) {
    return keys[id];
  }

  /** Number of distinct edges of any relation that touch node {@code id}, both directions. */
  int degree(int id) {
    int d = 0;
    for (int slot = 0; slot < offsets.length; slot++) {
      d += offsets[slot][id + 1] - offsets[slot][id];
    }
    return d;
  }

  private static int slot(int relation, boolean inverse) {
    return 2 * relation + (inverse ? 1 : 0);
  }

  /** A reusable node set over ids, cleared in O(1) by advancing an epoch. */
  final class Marks {
    private final int[] stamp = new int[keys.length];
    private int epoch;

    void reset() {
      if (++epoch == Integer.MAX_VALUE) {
        Arrays.fill(stamp, 0);
        epoch = 1;
      }
    }

    /** Marks {@code node}; false when it was already marked since the last reset. */
    boolean add(int node) {
      if (stamp[node] == epoch) {
        return false;
      }
      stamp[node] = epoch;
      return true;
    }
  }

  /** Fresh scratch for {@link #step}; one per thread. */
  Marks newMarks() {
    return new Marks();
  }
}
