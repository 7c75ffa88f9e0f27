package io.odqa.kg.schema;

import io.odqa.kg.GraphClient;
import java.util.List;

/**
 * The graph's constraints and indexes. Uniqueness constraints make {@code MERGE} safe under
 * concurrent writers and back every lookup by key. Every statement is {@code IF NOT EXISTS},
 * so applying the schema again is a no-op.
 *
 * <p>Keys: a {@code Document} and a {@code Passage} are keyed by {@code uid}, which is
 * {@code collection + "/" + id}, because ids are unique only within a collection. A
 * {@code Feedback} event is keyed by {@code eventId}. An {@code Entity} is keyed by
 * {@code collection + "/" + key}, where the key is its resolved name
 * ({@link io.odqa.kg.resolve.EntityKey}).
 */
public final class GraphSchema {
  static final List<String> STATEMENTS = List.of(
      "CREATE CONSTRAINT document_uid IF NOT EXISTS FOR (d:Document) REQUIRE d.uid IS UNIQUE",
      "CREATE CONSTRAINT passage_uid IF NOT EXISTS FOR (p:Passage) REQUIRE p.uid IS UNIQUE",
      "CREATE CONSTRAINT feedback_event_id IF NOT EXISTS FOR (f:Feedback) REQUIRE f.eventId IS UNIQUE",
      "CREATE CONSTRAINT entity_uid IF NOT EXISTS FOR (e:Entity) REQUIRE e.uid IS UNIQUE",
      "CREATE INDEX document_collection IF NOT EXISTS FOR (d:Document) ON (d.collection)",
      "CREATE INDEX entity_collection IF NOT EXISTS FOR (e:Entity) ON (e.collection)",
      // Entity linking searches names and every alias; Lucene-backed, so fuzzy and partial.
      "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases]");

  private GraphSchema() {}

  /** Creates whatever constraint or index is missing. */
  public static void apply(GraphClient graph) {
    for (String statement : STATEMENTS) {
      // Schema statements cannot share a transaction with each other, so one each.
      graph.write(tx -> tx.run(statement).consume());
    }
  }

  /** The key of a node that belongs to {@code collection} and has collection-local {@code id}. */
  public static String uid(String collection, String id) {
    return collection + "/" + id;
  }
}
