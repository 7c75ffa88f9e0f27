package io.odqa.ingest.replication;

import static io.odqa.service.testing.AsOperator.given;
import static io.odqa.service.testing.IndexDocs.docIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.odqa.core.api.ApiKey;
import io.odqa.kg.GraphClient;
import io.odqa.service.testing.AsOperator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.impl.conn.ManagedHttpClientConnectionFactory;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.impl.io.DefaultHttpRequestWriter;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.replicator.IndexReplicationHandler;
import org.apache.lucene.replicator.PerSessionDirectoryFactory;
import org.apache.lucene.replicator.ReplicationClient;
import org.apache.lucene.replicator.http.HttpReplicator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest's replication endpoint against Lucene's own, unchanged client ({@link HttpReplicator},
 * {@link ReplicationClient}, {@link IndexReplicationHandler}): documents ingested over REST reach
 * a copy in another directory after each commit, deleted ones vanish from it, and a searcher held
 * across an update keeps reading its revision.
 */
@QuarkusTest
@SuppressWarnings("deprecation")
class ReplicationResourceTest {
  private final String collection = "rep-" + UUID.randomUUID().toString().substring(0, 8);
  private final Path replica = Path.of("target/replica-test", collection);

  @Inject GraphClient graph;

  @AfterEach
  void dropCollection() {
    graph.write(tx -> tx.run("MATCH (n) WHERE n.collection = $c DETACH DELETE n",
        Map.of("c", collection)).consume());
  }

  @Test
  void aReplicaFollowsCommitsWithLucenesOwnClient() throws Exception {
    ingest("{\"id\": \"a\", \"title\": \"Alpha\", \"text\": \"Alan Turing was born in London.\"}\n"
        + "{\"id\": \"b\", \"title\": \"Beta\", \"text\": \"Grace Hopper wrote a compiler.\"}");
    Path indexDir = replica.resolve("index");
    Files.createDirectories(indexDir);
    try (FSDirectory dir = FSDirectory.open(indexDir);
        HttpReplicator replicator = new HttpReplicator("127.0.0.1", RestAssured.port,
            "/api/v1/replication/" + collection, keyedConnections())) {
      SearcherManager[] searchers = new SearcherManager[1];
      ReplicationClient client = new ReplicationClient(replicator,
          new IndexReplicationHandler(dir, () -> {
            if (searchers[0] != null) {
              searchers[0].maybeRefreshBlocking();
            }
            return true;
          }), new PerSessionDirectoryFactory(replica.resolve("work")));
      long t0 = System.nanoTime();
      client.updateNow();
      System.out.printf("first copy over HTTP: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      searchers[0] = new SearcherManager(dir, null);
      assertEquals(Set.of("a", "b"), docIds(searchers[0]));

      IndexSearcher held = searchers[0].acquire();
      try {
        Set<String> heldFiles = new HashSet<>(
            ((DirectoryReader) held.getIndexReader()).getIndexCommit().getFileNames());
        given().queryParam("collection", collection).delete("/api/v1/documents/b")
            .then().statusCode(200);
        ingest("{\"id\": \"c\", \"title\": \"Gamma\", \"text\": \"Marie Curie won two Nobel "
            + "Prizes.\"}\n{\"id\": \"a\", \"title\": \"Alpha\", \"text\": \"Alan Turing was born "
            + "in Maida Vale.\"}");
        client.updateNow();
        assertEquals(Set.of("a", "c"), docIds(searchers[0]), "b was deleted, c added");
        assertFalse(Set.of(dir.listAll()).containsAll(heldFiles),
            "files of the held searcher's revision were deleted from the copy");
        assertEquals(Set.of("a", "b"), docIds(held), "the held searcher reads its revision");
      } finally {
        searchers[0].release(held);
      }
      client.close();
      searchers[0].close();
    }

    JsonPath listed = given().get("/api/v1/replication").then().statusCode(200).extract()
        .jsonPath();
    String version = listed.getString("find { it.collection == '" + collection + "' }.version");
    assertTrue(version != null && Long.parseLong(version, 16) > 1, listed.prettify());
  }

  @Test
  void badRequestsAreRefusedAndFileNamesAreNeverPaths() throws Exception {
    ingest("{\"id\": \"a\", \"title\": \"Alpha\", \"text\": \"Alan Turing was born in London.\"}");
    String base = "/api/v1/replication/";
    given().get(base + "no-such-" + collection + "/update").then().statusCode(404);
    given().urlEncodingEnabled(false).get(base + "Bad%20Name/update").then().statusCode(400);
    given().get(base + collection + "/frobnicate").then().statusCode(404);
    given().get(base + collection + "/obtain").then().statusCode(400);
    for (String name : List.of("../../../../etc/passwd", "/etc/passwd", "..", "write.lock/..")) {
      given().queryParam("sessionid", "1").queryParam("source", "index")
          .queryParam("filename", name).get(base + collection + "/obtain")
          .then().statusCode(400);
    }
    given().queryParam("version", "not-hex").get(base + collection + "/update")
        .then().statusCode(400);
    byte[] upToDate = given().queryParam("version", Long.toString(Long.MAX_VALUE, 16))
        .get(base + collection + "/update").then().statusCode(200).extract().asByteArray();
    assertEquals(1, upToDate.length);
    assertEquals(0, upToDate[0], "a replica at or past the published version gets no session");
  }

  /** Connections that send the test profile's operator key, as the qa-service replica does. */
  private static PoolingHttpClientConnectionManager keyedConnections() {
    return new PoolingHttpClientConnectionManager(new ManagedHttpClientConnectionFactory(
        buffer -> new DefaultHttpRequestWriter(buffer) {
          @Override
          public void write(HttpRequest request) throws IOException, HttpException {
            request.setHeader(ApiKey.HEADER, AsOperator.KEY);
            super.write(request);
          }
        }, null));
  }

  private void ingest(String ndjson) throws InterruptedException {
    String job = given().contentType("application/x-ndjson")
        .body(ndjson.getBytes(StandardCharsets.UTF_8)).queryParam("collection", collection)
        .post("/api/v1/documents").then().statusCode(202).extract().path("jobId");
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      JsonPath status = given().get("/api/v1/jobs/" + job).then().statusCode(200)
          .extract().jsonPath();
      if (status.getString("status").equals("done")) {
        return;
      }
      assertFalse(status.getString("status").equals("failed"), status.prettify());
      Thread.sleep(200);
    }
    fail("job " + job + " did not finish in 180 s");
  }
}
