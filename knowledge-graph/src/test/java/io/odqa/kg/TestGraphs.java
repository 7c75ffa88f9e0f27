package io.odqa.kg;

/**
 * Settings of the real Neo4j server that integration tests use: the one that
 * {@code deployments/local/infra.sh start} runs, or the one named by the same environment
 * variables the services read.
 */
public final class TestGraphs {
  private TestGraphs() {}

  /** A client for the test server. */
  public static GraphClient client() {
    return GraphClient.connect(new Neo4jSettings() {
      @Override public String uri() {
        return env("NEO4J_URI", "bolt://127.0.0.1:7687");
      }

      @Override public String user() {
        return env("NEO4J_USER", "neo4j");
      }

      @Override public String password() {
        return env("NEO4J_PASSWORD", "odqa-local-pass");
      }

      @Override public String database() {
        return env("NEO4J_DATABASE", "neo4j");
      }
    });
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
