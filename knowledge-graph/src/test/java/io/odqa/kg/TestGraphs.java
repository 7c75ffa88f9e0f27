package io.odqa.kg;

/**
 * The real Neo4j server that integration tests use: the one that
 * {@code deployments/local/infra.sh start} runs, or the one the environment names.
 */
public final class TestGraphs {
  private TestGraphs() {}

  /** A client for the test server. */
  public static GraphClient client() {
    return GraphClient.connect(Neo4jSettings.fromEnvironment());
  }
}
