package io.odqa.kg.qa;

import io.odqa.kg.GraphClient;
import io.odqa.kg.resolve.RelationType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link RelationPath} from a topic entity as one parameterised Cypher query and returns
 * the end nodes ranked by an {@link AnswerRanker}: the query counts, per end node, the distinct
 * walks that reach it, those through a {@code has_tags} value of the topic, those whose last
 * hop leaves a node tagged with the end node, and the end node's degree, and orders by the
 * ranker's linear score over {@code log(1 + count)} (weights passed as {@code $w}), then name
 * and uid, so ties are stable. The in-memory evaluation ({@link AnswerEvidence}) computes the
 * same counts; the degree here counts every relationship of the node, so it differs where a
 * node has non-KB relationships (mentions in passages) or the same triple from two sources.
 *
 * <p>Relationship types cannot be parameters in Cypher; they are inlined only after
 * {@link RelationType#of} has reduced them to {@code [a-z0-9_]}, so no input can inject
 * Cypher. The topic entity is neither an answer nor a node on the way (MetaQA's convention,
 * and the useful one: "films that share actors with X" does not mean X, and "the genres of
 * films sharing a director with X" should not go through X itself). High-degree nodes are
 * bounded by the transaction timeout and by {@code limit}.
 */
public final class PathExecutor {
  private static final String TAGS = "has_tags";

  private final GraphClient graph;
  private final Duration timeout;
  private final AnswerRanker ranker;

  /**
   * An end node of the path.
   *
   * @param support distinct walks that reach it
   * @param score its {@link AnswerRanker} score
   */
  public record Reached(String uid, String name, long support, double score) {}

  /** Executes against {@code graph} with support-only ranking; each query ends by {@code timeout}. */
  public PathExecutor(GraphClient graph, Duration timeout) {
    this(graph, timeout, AnswerRanker.supportOnly());
  }

  /** Executes against {@code graph}, ranking with {@code ranker}; each query ends by {@code timeout}. */
  public PathExecutor(GraphClient graph, Duration timeout, AnswerRanker ranker) {
    if (graph == null || timeout == null || ranker == null) {
      throw new IllegalArgumentException("graph, timeout and ranker must not be null, got "
          + graph + ", " + timeout + ", " + ranker);
    }
    this.graph = graph;
    this.timeout = timeout;
    this.ranker = ranker;
  }

  /** At most {@code limit} end nodes of {@code path} from the node {@code topicUid}, best first. */
  public List<Reached> execute(String topicUid, RelationPath path, int limit) {
    return execute(topicUid, path, limit, ranker);
  }

  /** As {@link #execute(String, RelationPath, int)}, ranking with {@code by}. */
  public List<Reached> execute(String topicUid, RelationPath path, int limit, AnswerRanker by) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
    String cypher = cypher(path);
    List<Double> w = Arrays.stream(by.weights(path.length())).boxed().toList();
    return graph.readOnce(tx -> tx.run(cypher, Map.of("uid", topicUid, "limit", limit, "w", w))
        .list(r -> new Reached(r.get("uid").asString(), r.get("name").asString(),
            r.get("support").asLong(), r.get("score").asDouble())), timeout);
  }

  /**
   * The query for {@code path}, e.g. for {@code starred_actors^-1>release_year}: {@code
   * MATCH (t)<-[:starred_actors]-(n1) MATCH (n1)-[:release_year]->(n2)}, walks grouped first
   * by their last edge (n1, n2), so that the tag test of the last hop runs once per edge.
   */
  static String cypher(RelationPath path) {
    // One MATCH per hop: Cypher never repeats a relationship within one MATCH, which would
    // drop walks that come back along the same edge (X's co-star's film's cast includes the
    // co-star); separate clauses count walks as KbGraph does.
    StringBuilder match = new StringBuilder();
    int i = 0;
    for (RelationPath.Hop hop : path.hops()) {
      String type = RelationType.of(hop.relation());
      if (type.isEmpty()) {
        throw new IllegalArgumentException("relation '" + hop.relation() + "' has no type");
      }
      match.append(i == 0 ? "MATCH (t)" : "\nMATCH (n" + i + ")");
      i++;
      match.append(hop.inverse() ? "<-[:`" + type + "`]-" : "-[:`" + type + "`]->")
          .append("(n").append(i).append(')');
    }
    StringBuilder where = new StringBuilder("\nWHERE n1 <> t");
    StringBuilder tagged = new StringBuilder("n1 IN tags");
    for (int k = 2; k <= i; k++) {
      where.append(" AND n").append(k).append(" <> t");
      tagged.append(" OR n").append(k).append(" IN tags");
    }
    String prev = i == 1 ? "t" : "n" + (i - 1);
    return "MATCH (t:Entity {uid: $uid})\n"
        + "WITH t, [(t)-[:`" + TAGS + "`]->(g) | g] AS tags\n"
        + match + where + "\n"
        + "WITH " + prev + " AS prev, n" + i + " AS a, count(*) AS walks,\n"
        + "     sum(CASE WHEN " + tagged + " THEN 1 ELSE 0 END) AS viaTopicTag\n"
        + "WITH a, sum(walks) AS support, sum(viaTopicTag) AS viaTopicTag,\n"
        + "     sum(CASE WHEN EXISTS { (prev)-[:`" + TAGS + "`]->(a) } THEN walks ELSE 0 END)"
        + " AS lastTagged\n"
        + "WITH a, support, $w[0] * log(1.0 + support) + $w[1] * log(1.0 + viaTopicTag)"
        + " + $w[2] * log(1.0 + lastTagged) + $w[3] * log(1.0 + COUNT { (a)--() }) AS score\n"
        + "RETURN a.uid AS uid, a.name AS name, support, score\n"
        + "ORDER BY score DESC, name, uid LIMIT $limit";
  }
}
