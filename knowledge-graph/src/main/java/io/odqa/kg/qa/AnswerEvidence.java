package io.odqa.kg.qa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The KB evidence for each end node of a {@link RelationPath} walked from a topic, as
 * {@link AnswerRanker} scores it. Walks are those of {@link KbGraph#followWithSupport}: they
 * never pass through the topic again. Counts are computed hop by hop (dynamic programming
 * over the frontier), so a path with millions of walks costs no more than its frontier.
 *
 * <p>The evidence answers "which version of this node did the question mean": MetaQA merges
 * films of the same title into one node, and the node's {@code has_tags} (lower-cased names
 * of the better-known version's people) share entity keys with those people, so a tag of the
 * topic, or of the film the last hop leaves from, points at the intended version.
 */
final class AnswerEvidence {
  private static final String TAGS = "has_tags";

  private AnswerEvidence() {}

  /**
   * One candidate answer.
   *
   * @param key entity key of the end node
   * @param features its evidence: the walks that reach it; of those, the walks with a node
   *     after the topic (the end node included) that is a {@code has_tags} value of the
   *     topic, and the walks whose last hop leaves a node that has the end node as a
   *     {@code has_tags} value; and the number of edges of any relation that touch it
   */
  record Candidate(String key, AnswerRanker.Features features) {}

  /** The end nodes of {@code path} from {@code topicKey}, in no particular order. */
  static List<Candidate> of(KbGraph graph, String topicKey, RelationPath path) {
    int start = graph.id(topicKey);
    int tags = graph.relationId(TAGS);
    if (start < 0) {
      return List.of();
    }
    int[] topicTags = tags < 0 ? new int[0] : neighbours(graph, tags, start);
    int n = graph.nodeCount();
    long[] walks = new long[n];
    long[] tagged = new long[n];
    long[] lastTagged = new long[n];
    int[] frontier = {start};
    long[] frontierWalks = {1};
    long[] frontierTagged = {0};
    for (int h = 0; h < path.length(); h++) {
      RelationPath.Hop hop = path.hops().get(h);
      int r = graph.relationId(hop.relation());
      if (r < 0) {
        return List.of();
      }
      boolean last = h == path.length() - 1;
      int[] off = graph.offsets(r, hop.inverse());
      int[] tgt = graph.targets(r, hop.inverse());
      int[] next = new int[16];
      int size = 0;
      for (int i = 0; i < frontier.length; i++) {
        int from = frontier[i];
        for (int e = off[from]; e < off[from + 1]; e++) {
          int t = tgt[e];
          if (t == start) {
            continue;
          }
          if (walks[t] == 0) {
            next = size == next.length ? Arrays.copyOf(next, size * 2) : next;
            next[size++] = t;
          }
          walks[t] = saturatedAdd(walks[t], frontierWalks[i]);
          boolean viaTag = Arrays.binarySearch(topicTags, t) >= 0;
          tagged[t] = saturatedAdd(tagged[t], viaTag ? frontierWalks[i] : frontierTagged[i]);
          if (last && tags >= 0 && hasTag(graph, tags, from, t)) {
            lastTagged[t] = saturatedAdd(lastTagged[t], frontierWalks[i]);
          }
        }
      }
      frontier = Arrays.copyOf(next, size);
      frontierWalks = new long[size];
      frontierTagged = new long[size];
      for (int i = 0; i < size; i++) {
        frontierWalks[i] = walks[frontier[i]];
        frontierTagged[i] = tagged[frontier[i]];
        walks[frontier[i]] = 0;
        tagged[frontier[i]] = 0;
      }
    }
    List<Candidate> candidates = new ArrayList<>(frontier.length);
    for (int i = 0; i < frontier.length; i++) {
      int a = frontier[i];
      candidates.add(new Candidate(graph.key(a), new AnswerRanker.Features(frontierWalks[i],
          frontierTagged[i], lastTagged[a], graph.degree(a))));
    }
    return candidates;
  }

  /** The sorted targets of {@code node} over {@code relation}, forward. */
  private static int[] neighbours(KbGraph graph, int relation, int node) {
    int[] off = graph.offsets(relation, false);
    return Arrays.copyOfRange(graph.targets(relation, false), off[node], off[node + 1]);
  }

  /** Whether {@code node} has {@code tag} among its (sorted) {@code has_tags} targets. */
  private static boolean hasTag(KbGraph graph, int tags, int node, int tag) {
    int[] off = graph.offsets(tags, false);
    return Arrays.binarySearch(graph.targets(tags, false), off[node], off[node + 1], tag) >= 0;
  }

  private static long saturatedAdd(long a, long b) {
    return Math.min(Long.MAX_VALUE / 2, a + b);
  }
}
