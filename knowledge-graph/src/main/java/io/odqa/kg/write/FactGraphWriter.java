package io.odqa.kg.write;

import io.odqa.kg.GraphClient;
import io.odqa.kg.schema.GraphSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes structured triples ({@code head|relation|tail}) as
 * {@code (:Entity)-[:type {source}]->(:Entity)}, where the type is the relation reduced by
 * {@link io.odqa.kg.resolve.RelationType} and {@code relation} keeps the original text when it
 * differs. A triple is one relationship per source, so a second import of the same file creates
 * nothing.
 *
 * <p>One transaction per batch: merge the batch's entities, read which of its triples this source
 * already has (one expansion per distinct head), then {@code CREATE} the others, deduplicated
 * here. The relationship is not {@code MERGE}d: Neo4j plans a {@code MERGE} with a dynamic type as
 * an untyped {@code Expand(Into)} between the two nodes plus a type filter, which on MetaQA's
 * dense tails (genres, years, languages) took 114 s for the 129,399 distinct triples of a fresh
 * database, against 8 s for this read-then-create. The price is a single writer per collection:
 * two imports at once could both create a triple. The ingest service writes on one thread.
 *
 * <p>An {@link Import} remembers the entities it has merged, so a long import merges each entity
 * (and each of its surface forms) once rather than once per batch: in MetaQA's KB,
 * 10,000-triple batches hold 79,668 entity rows but only 42,796 distinct names.
 */
public final class FactGraphWriter {
  /** The triples from {@code $source} that leave the given heads, as (head uid, type, tail uid). */
  private static final String EXISTING = """
      UNWIND $heads AS hu
      MATCH (h:Entity {uid: hu})-[r]->(t:Entity)
      WHERE r.source = $source
      RETURN hu, type(r) AS type, t.uid AS tu
      """;
  /**
   * One statement for every type: dynamic types ({@code $(row.type)}, Neo4j 5.26+), reduced to
   * {@code [a-z0-9_]} by {@code RelationType}, so the statement is planned once and cached.
   */
  private static final String CREATE = """
      UNWIND $rows AS row
      MATCH (h:Entity {uid: row.hu})
      MATCH (t:Entity {uid: row.tu})
      CREATE (h)-[r:$(row.type) {source: $source}]->(t)
      SET r.relation = row.relation
      """;

  private final GraphClient graph;
  private volatile boolean schemaApplied;

  public FactGraphWriter(GraphClient graph) {
    this.graph = graph;
  }

  /** What a batch created. */
  public record Written(long relations, long entities) {}

  /** Writes {@code facts} of {@code collection}, with provenance {@code source}. */
  public Written write(String collection, String source, List<Fact> facts) {
    return begin(collection, source).write(facts);
  }

  /** Starts an import of many batches into {@code collection}, with provenance {@code source}. */
  public Import begin(String collection, String source) {
    return new Import(collection, source);
  }

  /**
   * The batches of one import. Not thread-safe: one caller writes its batches in order. If a
   * batch's transaction fails, what it merged is forgotten, so a retry merges it again.
   */
  public final class Import {
    private final String collection;
    private final String source;
    /** The entity row of each name seen, so that a name is resolved once per import. */
    private final Map<String, Map<String, Object>> rows = new HashMap<>();
    /** uid and surface form of every entity row committed by this import. */
    private final Set<String> merged = new HashSet<>();

    private Import(String collection, String source) {
      this.collection = collection;
      this.source = source;
    }

    /** Writes one batch in one transaction; returns what it created. */
    public Written write(List<Fact> facts) {
      if (facts.isEmpty()) {
        return new Written(0, 0);
      }
      if (!schemaApplied) {
        GraphSchema.apply(graph);
        schemaApplied = true;
      }
      Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
      Map<String, Map<String, Object>> triples = new LinkedHashMap<>();
      Set<String> heads = new HashSet<>();
      for (Fact f : facts) {
        Map<String, Object> h = entity(f.head());
        Map<String, Object> t = entity(f.tail());
        // Keyed by uid and surface form: each distinct name of an entity becomes an alias.
        for (Map<String, Object> e : List.of(h, t)) {
          String key = e.get("uid") + "\u0000" + e.get("name");
          if (!merged.contains(key)) {
            entities.putIfAbsent(key, e);
          }
        }
        String type = EntityRows.type(f.relation());
        String hu = (String) h.get("uid");
        String tu = (String) t.get("uid");
        Map<String, Object> row = new HashMap<>();
        row.put("hu", hu);
        row.put("tu", tu);
        row.put("type", type);
        row.put("relation", f.relation().equals(type) ? null : f.relation());
        triples.putIfAbsent(key(hu, type, tu), row);
        heads.add(hu);
      }
      Written written = graph.write(tx -> {
        long created = tx.run("UNWIND $rows AS m\n" + EntityRows.MERGE_ENTITY,
            Map.of("rows", new ArrayList<>(entities.values()), "collection", collection))
            .consume().counters().nodesCreated();
        Map<String, Map<String, Object>> todo = new LinkedHashMap<>(triples);
        tx.run(EXISTING, Map.of("heads", new ArrayList<>(heads), "source", source))
            .forEachRemaining(r -> todo.remove(
                key(r.get("hu").asString(), r.get("type").asString(), r.get("tu").asString())));
        long relations = todo.isEmpty() ? 0 : tx.run(CREATE,
            Map.of("rows", new ArrayList<>(todo.values()), "source", source))
            .consume().counters().relationshipsCreated();
        return new Written(relations, created);
      });
      merged.addAll(entities.keySet());
      return written;
    }

    private Map<String, Object> entity(String name) {
      return rows.computeIfAbsent(name, n -> EntityRows.entity(collection, n));
    }
  }

  private static String key(String headUid, String type, String tailUid) {
    return headUid + "\u0000" + type + "\u0000" + tailUid;
  }
}
