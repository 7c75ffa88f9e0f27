package io.odqa.kg;

/**
 * Where the Neo4j server is and how to log in. A service's {@code @ConfigMapping} returns this
 * type for its {@code neo4j} group, so every service reads the same keys.
 */
public interface Neo4jSettings {
  /** Bolt URI, for example {@code bolt://127.0.0.1:7687} or {@code neo4j://cluster:7687}. */
  String uri();

  /** User name. */
  String user();

  /** Password. */
  String password();

  /** Database name; every query names it. */
  String database();
}
