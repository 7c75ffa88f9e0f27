package io.odqa.kg.qa;

import io.odqa.kg.GraphClient;
import io.odqa.kg.resolve.RelationType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link RelationPath} from a topic entity as one parameterised Cypher query and returns
 * the end nodes ranked by how many distinct paths reach them (more support first, then name and
 * uid, so ties are stable). Relationship types cannot be parameters in Cypher; they are inlined
 * only after {@link RelationType#of} has reduced them to {@code [a-z0-9_]}, so no input can
 * inject Cypher. The topic entity is neither an answer nor a node on the way (MetaQA's
 * convention, and the useful one: "films that share actors with X" does not mean X, and "the
 * genres of films sharing a director with X" should not go through X itself). High-degree nodes are bounded by the
 * transaction timeout and by {@code limit}.
 */
public final class PathExecutor {
  private final GraphClient graph;
  private final Duration timeout;

  /** An end node of the path. */
  public record Reached(String uid, String name, long support) {}

  /** Executes against {@code graph}; each query is aborted after {@code timeout}. */
  public PathExecutor(GraphClient graph, Duration timeout) {
    this.graph = graph;
    this.timeout = timeout;
  }

  /** At most {@code limit} end nodes of {@code path} from the node {@code topicUid}. */
  public List<Reached> execute(String topicUid, RelationPath path, int limit) {
    String cypher = cypher(path);
    return graph.readOnce(tx -> tx.run(cypher, Map.of("uid", topicUid, "limit", limit)).list(r ->
        new Reached(r.get("uid").asString(), r.get("name").asString(), r.get("support").asLong())),
        timeout);
  }

  /** The query for {@code path}, e.g. {@code (t)<-[:starred_actors]-(n1)-[:release_year]->(n2)}. */
  static String cypher(RelationPath path) {
    StringBuilder match = new StringBuilder("MATCH (t:Entity {uid: $uid})");
    int i = 0;
    for (RelationPath.Hop hop : path.hops()) {
      String type = RelationType.of(hop.relation());
      if (type.isEmpty()) {
        throw new IllegalArgumentException("relation '" + hop.relation() + "' has no type");
      }
      i++;
      match.append(hop.inverse() ? "<-[:`" + type + "`]-" : "-[:`" + type + "`]->")
          .append("(n").append(i).append(')');
    }
    StringBuilder where = new StringBuilder("\nWHERE n1 <> t");
    for (int k = 2; k <= i; k++) {
      where.append(" AND n").append(k).append(" <> t");
    }
    return match.toString() + where
        + "\nRETURN n" + i + ".uid AS uid, n" + i + ".name AS name, count(*) AS support"
        + "\nORDER BY support DESC, name, uid LIMIT $limit";
  }
}
