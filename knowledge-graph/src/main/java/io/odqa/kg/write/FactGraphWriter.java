package io.odqa.kg.write;

import io.odqa.kg.GraphClient;
import io.odqa.kg.schema.GraphSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.driver.summary.SummaryCounters;

/**
 * Writes structured triples ({@code head|relation|tail}) as {@code (:Entity)-[:relation]->(:Entity)}.
 * One transaction per batch: first every distinct entity of the batch, then the relations,
 * one {@code UNWIND} per relation type. Relations are merged on {@code source}, so a second
 * import of the same file creates nothing.
 */
public final class FactGraphWriter {
  private final GraphClient graph;
  private volatile boolean schemaApplied;

  public FactGraphWriter(GraphClient graph) {
    this.graph = graph;
  }

  /** What a batch created. */
  public record Written(long relations, long entities) {}

  /** Writes {@code facts} of {@code collection}, with provenance {@code source}. */
  public Written write(String collection, String source, List<Fact> facts) {
    if (facts.isEmpty()) {
      return new Written(0, 0);
    }
    if (!schemaApplied) {
      GraphSchema.apply(graph);
      schemaApplied = true;
    }
    Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> byType = new TreeMap<>();
    for (Fact f : facts) {
      Map<String, Object> h = EntityRows.entity(collection, f.head());
      Map<String, Object> t = EntityRows.entity(collection, f.tail());
      // Keyed by uid and surface form: each distinct name of an entity becomes an alias.
      entities.putIfAbsent(h.get("uid") + "\u0000" + h.get("name"), h);
      entities.putIfAbsent(t.get("uid") + "\u0000" + t.get("name"), t);
      byType.computeIfAbsent(EntityRows.type(f.relation()), k -> new ArrayList<>())
          .add(Map.of("hu", h.get("uid"), "tu", t.get("uid"), "relation", f.relation()));
    }
    return graph.write(tx -> {
      SummaryCounters e = tx.run("UNWIND $rows AS m\n" + EntityRows.MERGE_ENTITY,
          Map.of("rows", new ArrayList<>(entities.values()), "collection", collection))
          .consume().counters();
      long relations = 0;
      for (Map.Entry<String, List<Map<String, Object>>> group : byType.entrySet()) {
        relations += tx.run("""
            UNWIND $rows AS row
            MATCH (h:Entity {uid: row.hu})
            MATCH (t:Entity {uid: row.tu})
            MERGE (h)-[r:`%s` {source: $source}]->(t)
            ON CREATE SET r.relation = row.relation
            """.formatted(group.getKey()), Map.of("rows", group.getValue(), "source", source))
            .consume().counters().relationshipsCreated();
      }
      return new Written(relations, e.nodesCreated());
    });
  }
}
