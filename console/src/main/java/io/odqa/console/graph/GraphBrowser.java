package io.odqa.console.graph;

import io.odqa.kg.GraphClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;

/**
 * Entity search and neighbourhoods for the graph view. Results are capped, so a hub entity
 * (thousands of relations) still gives a readable picture; the response says when it was cut.
 */
@ApplicationScoped
public class GraphBrowser {
  /** The most entities a search returns and the most relations a neighbourhood shows. */
  public static final int MAX_LIMIT = 200;

  private static final String SEARCH = """
      MATCH (e:Entity)
      WHERE ($collection IS NULL OR e.collection = $collection)
        AND toLower(e.name) CONTAINS $text
      WITH e, COUNT { (e)-[r]-(:Entity) } AS degree
      RETURN e.uid AS uid, e.name AS name, e.collection AS collection, degree
      ORDER BY degree DESC, e.name, e.uid
      LIMIT $limit
      """;
  private static final String ENTITY = """
      MATCH (e:Entity {uid: $uid})
      RETURN e.uid AS uid, e.name AS name, e.collection AS collection,
             coalesce(e.aliases, []) AS aliases,
             COUNT { (e)-[:MENTIONED_IN]->(:Passage) } AS mentions,
             COUNT { (e)-[r]-(:Entity) } AS degree
      """;
  /**
   * Relations to other entities, the passage each came from ({@code source} is the passage's
   * uid for extracted relations, a fact source's name otherwise) and the other end's degree, so
   * the view can tell which nodes are worth expanding.
   */
  private static final String NEIGHBOURS = """
      MATCH (e:Entity {uid: $uid})-[r]-(n:Entity)
      WITH e, r, n ORDER BY type(r), n.name, n.uid LIMIT $limit
      OPTIONAL MATCH (p:Passage {uid: r.source})
      RETURN type(r) AS type, startNode(r) = e AS outgoing, r.relation AS relation,
             r.confidence AS confidence, r.source AS source,
             p.id AS passageId, p.docId AS docId, p.collection AS passageCollection,
             n.uid AS uid, n.name AS name, COUNT { (n)-[x]-(:Entity) } AS degree
      """;

  private final GraphClient graph;

  GraphBrowser(GraphClient graph) {
    this.graph = graph;
  }

  /** Entities whose name contains {@code text} (case-insensitive), best connected first. */
  public List<Map<String, Object>> search(String text, String collection, int limit) {
    Map<String, Object> params = new HashMap<>();
    params.put("text", text.strip().toLowerCase(Locale.ROOT));
    params.put("collection", collection);
    params.put("limit", clamp(limit));
    return graph.read(tx -> tx.run(SEARCH, params).list(Record::asMap));
  }

  /** The entity and up to {@code limit} of its relations, or empty when there is no such uid. */
  public Optional<Map<String, Object>> neighbourhood(String uid, int limit) {
    return graph.read(tx -> {
      List<Record> entity = tx.run(ENTITY, Map.of("uid", uid)).list();
      if (entity.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> node = entity.get(0).asMap();
      List<Map<String, Object>> edges =
          tx.run(NEIGHBOURS, Map.of("uid", uid, "limit", clamp(limit))).list(Record::asMap);
      long degree = ((Number) node.get("degree")).longValue();
      return Optional.of(Map.of("entity", node, "relations", edges,
          "truncated", degree > edges.size()));
    });
  }

  private static int clamp(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "]: " + limit);
    }
    return limit;
  }
}
