package io.odqa.kg;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.QueryRunner;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * The application's one {@link Driver}, plus short sessions on the configured database.
 * Creating a client does not contact the server, so a service starts even while Neo4j is down
 * and reports it through {@link #isAvailable()}.
 */
public final class GraphClient implements AutoCloseable {
  private final Driver driver;
  private final String database;

  private GraphClient(Driver driver, String database) {
    this.driver = driver;
    this.database = database;
  }

  /** Creates the driver for {@code settings}; no connection is made until the first query. */
  public static GraphClient connect(Neo4jSettings settings) {
    // A server with auth disabled accepts any basic credentials, so one code path serves both.
    AuthToken auth = AuthTokens.basic(settings.user(), settings.password());
    Config config = Config.builder()
        .withConnectionTimeout(5, TimeUnit.SECONDS)
        .withConnectionAcquisitionTimeout(10, TimeUnit.SECONDS)
        .withMaxTransactionRetryTime(15, TimeUnit.SECONDS)
        .withoutEncryption()
        .build();
    return new GraphClient(GraphDatabase.driver(settings.uri(), auth, config), settings.database());
  }

  /** Runs {@code work} in a write transaction; it may be retried, so it must be idempotent. */
  public <T> T write(TransactionCallback<T> work) {
    try (Session session = session()) {
      return session.executeWrite(work);
    }
  }

  /** Runs {@code work} in a read transaction. */
  public <T> T read(TransactionCallback<T> work) {
    try (Session session = session()) {
      return session.executeRead(work);
    }
  }

  /**
   * Runs {@code work} once, in a read transaction that the server aborts after {@code timeout}.
   * Unlike {@link #read(TransactionCallback)} it is not retried: it serves a question, whose
   * latency matters more than one graph answer, so an unreachable server fails at once.
   */
  public <T> T readOnce(Function<QueryRunner, T> work,
      Duration timeout) {
    SessionConfig config = SessionConfig.builder().withDatabase(database)
        .withDefaultAccessMode(AccessMode.READ).build();
    try (Session session = driver.session(config);
        Transaction tx = session.beginTransaction(
            TransactionConfig.builder().withTimeout(timeout).build())) {
      T result = work.apply(tx);
      tx.commit();
      return result;
    }
  }

  /**
   * Runs {@code cypher} in an auto-commit transaction, which {@code CALL { ... } IN
   * TRANSACTIONS} requires; it is not retried, so use it for idempotent maintenance only.
   */
  public void autoCommit(String cypher, Map<String, Object> parameters) {
    try (Session session = session()) {
      session.run(cypher, parameters).consume();
    }
  }

  /** True when the server answers and the credentials are accepted. */
  public boolean isAvailable() {
    try {
      driver.verifyConnectivity();
      return true;
    } catch (Neo4jException | IllegalStateException e) {
      return false;
    }
  }

  /** The database every query of this client runs against. */
  public String database() {
    return database;
  }

  private Session session() {
    return driver.session(SessionConfig.forDatabase(database));
  }

  @Override
  public void close() {
    driver.close();
  }
}
