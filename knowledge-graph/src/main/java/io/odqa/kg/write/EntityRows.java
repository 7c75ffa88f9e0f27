package io.odqa.kg.write;

import io.odqa.kg.resolve.EntityKey;
import io.odqa.kg.resolve.RelationType;
import io.odqa.kg.schema.GraphSchema;
import java.util.Map;

/** Cypher and parameter rows shared by the writers of entities and relations. */
final class EntityRows {
  /**
   * Merges one entity per row by its resolved key; a new surface form becomes an alias. The
   * alias write is skipped when the name is known, so re-ingesting writes nothing.
   */
  static final String MERGE_ENTITY = """
      MERGE (e:Entity {uid: m.uid})
      ON CREATE SET e.key = m.key, e.name = m.name, e.aliases = [m.name], e.collection = $collection
      FOREACH (_ IN CASE WHEN m.name IN e.aliases THEN [] ELSE [1] END |
        SET e.aliases = e.aliases + m.name)
      """;

  private EntityRows() {}

  /** The uid of the entity named {@code name} in {@code collection}, or null if it has no key. */
  static String uid(String collection, String name) {
    String key = EntityKey.of(name);
    return key.isEmpty() ? null : GraphSchema.uid(collection, key);
  }

  /** A row for {@link #MERGE_ENTITY}. */
  static Map<String, Object> entity(String collection, String name) {
    return Map.of("uid", uid(collection, name), "key", EntityKey.of(name), "name", name.strip());
  }

  /** The relationship type of {@code relation}, checked to be safe inside backticks. */
  static String type(String relation) {
    String type = RelationType.of(relation);
    if (type.isEmpty()) {
      throw new IllegalArgumentException("relation has no letters or digits: \"" + relation + "\"");
    }
    return type;
  }
}
