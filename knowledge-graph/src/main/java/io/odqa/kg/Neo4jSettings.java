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

  /**
   * Settings from the environment variables every ODQA process reads: {@code NEO4J_URI},
   * {@code NEO4J_USER}, {@code NEO4J_PASSWORD}, {@code NEO4J_DATABASE}, with the defaults of
   * the local server that {@code deployments/local/infra.sh} starts. For tools and tests;
   * services read the same variables through their config.
   */
  static Neo4jSettings fromEnvironment() {
    record Env(String uri, String user, String password, String database)
        implements Neo4jSettings {}
    return new Env(env("NEO4J_URI", "bolt://127.0.0.1:7687"), env("NEO4J_USER", "neo4j"),
        env("NEO4J_PASSWORD", "odqa-local-pass"), env("NEO4J_DATABASE", "neo4j"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
