package io.odqa.qa.retrieve.replica;

import static io.odqa.service.testing.IndexDocs.docIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.index.PassageFields;
import io.odqa.core.index.PassageIndexWriter;
import io.odqa.core.model.CollectionName;
import io.odqa.core.model.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.replicator.IndexRevision;
import org.apache.lucene.replicator.LocalReplicator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica copying a real on-disk index over real HTTP: a {@link PassageIndexWriter} publishes
 * every commit to a {@link LocalReplicator} (as ingest does), a loopback server speaks Lucene's
 * replication protocol for it, and the replica's searcher must follow each commit, drop deleted
 * documents, keep held searchers working, reject a damaged copy and survive the source going down.
 */
@SuppressWarnings("deprecation")
class CollectionReplicaTest {
  private static final CollectionName BOOKS = new CollectionName("books");
  private static final String KEY = "replica-test-key";

  @TempDir Path tmp;
  private LocalReplicator published;
  private PassageIndexWriter primary;
  private ReplicationTestServer server;
  private ReplicaSource source;
  private Path replicaDir;
  private SearcherManager searchers;
  private final AtomicInteger reopened = new AtomicInteger();
  private CollectionReplica replica;

  @BeforeEach
  void start() throws IOException {
    published = new LocalReplicator();
    primary = PassageIndexWriter.open(tmp.resolve("primary"),
        writer -> published.publish(new IndexRevision(writer)));
    server = new ReplicationTestServer(Map.of(BOOKS.value(), published));
    source = ReplicaSource.parse("http://127.0.0.1:" + server.port());
    replicaDir = tmp.resolve("replica/index/books");
    replica = openReplica();
  }

  private CollectionReplica openReplica() throws IOException {
    return CollectionReplica.open(BOOKS, replicaDir, tmp.resolve("replica/replication/books"),
        source, ApiKeyConnections.create(source, Optional.of(KEY), Duration.ofSeconds(2)), () -> {
          reopened.incrementAndGet();
          if (searchers != null) {
            searchers.maybeRefreshBlocking();
          }
          return true;
        });
  }

  @AfterEach
  void stop() throws IOException {
    if (searchers != null) {
      searchers.close();
    }
    replica.close();
    server.close();
    primary.close();
    published.close();
  }

  @Test
  void followsCommitsDropsDeletionsAndKeepsHeldSearchersWorking() throws IOException {
    replica.update();
    assertTrue(replica.hasRevision(), "the empty initial commit is replicated too");
    write("a", "Alan Turing was born in London.");
    write("b", "Grace Hopper wrote a compiler.");
    primary.commit();
    long t0 = System.nanoTime();
    replica.update();
    long copyMs = (System.nanoTime() - t0) / 1_000_000;
    searchers = new SearcherManager(FSDirectory.open(replicaDir), null);
    assertEquals(Set.of("a", "b"), docIds(searchers));
    CollectionReplica.State first = replica.state();
    assertTrue(first.lastCopyBytes() > 0 && first.lastCopyFiles() > 0, first.toString());
    System.out.printf("first revision: %d files, %d bytes in %d ms%n", first.lastCopyFiles(),
        first.lastCopyBytes(), copyMs);

    IndexSearcher held = searchers.acquire();
    try {
      Set<String> heldFiles = new HashSet<>(
          ((DirectoryReader) held.getIndexReader()).getIndexCommit().getFileNames());
      write("a", "Alan Turing was born in Maida Vale, London.");
      primary.delete("b");
      write("c", "Marie Curie won two Nobel Prizes.");
      primary.commit();
      replica.update();
      assertEquals(Set.of("a", "c"), docIds(searchers), "b is deleted, c is new");
      assertEquals("Alan Turing was born in Maida Vale, London.", text(searchers, "a"));
      Set<String> onDisk = Set.of(FSDirectory.open(replicaDir).listAll());
      assertFalse(onDisk.containsAll(heldFiles),
          "the update deleted files of the held searcher's commit: " + heldFiles + " vs " + onDisk);
      assertEquals(Set.of("a", "b"), docIds(held), "the held searcher still reads its revision");
      assertEquals("Grace Hopper wrote a compiler.", storedText(held, "b"));
    } finally {
      searchers.release(held);
    }
    CollectionReplica.State second = replica.state();
    assertNotEquals(first.version(), second.version());
    assertEquals(Long.parseLong(second.version(), 16), second.generation());
    assertTrue(second.lastCopyBytes() < second.bytesCopied(), "only new files are copied");
    assertTrue(reopened.get() >= 3, "the searcher reopened after each revision: " + reopened);
    assertTrue(server.keysSeen.stream().allMatch(KEY::equals), server.keysSeen.toString());
    assertTrue(server.actions.containsAll(List.of("UPDATE", "OBTAIN", "RELEASE")));
  }

  @Test
  void aDamagedCopyIsRejectedAndTheNextPollCopiesAgain() throws IOException {
    write("a", "Alan Turing was born in London.");
    primary.commit();
    replica.update();
    searchers = new SearcherManager(FSDirectory.open(replicaDir), null);
    String before = replica.state().version();

    write("d", "Ada Lovelace wrote the first program.");
    primary.commit();
    server.truncateNextFile.set(true);
    IOException damaged = assertThrows(IOException.class, () -> replica.update());
    assertTrue(damaged.toString().contains("copied"), damaged.toString());
    assertEquals(before, replica.state().version(), "the index stays at its revision");
    assertEquals(1, replica.state().failures());
    assertEquals(Set.of("a"), docIds(searchers));
    assertTrue(Files.exists(replicaDir), "nothing was removed");

    replica.update();
    assertEquals(Set.of("a", "d"), docIds(searchers));
    assertEquals(null, replica.state().lastError());
  }

  @Test
  void whenTheSourceIsDownTheReplicaServesItsRevisionAndResumesAfterARestart()
      throws IOException {
    write("a", "Alan Turing was born in London.");
    primary.commit();
    replica.update();
    searchers = new SearcherManager(FSDirectory.open(replicaDir), null);
    String held = replica.state().version();

    server.close();
    write("e", "Edsger Dijkstra found shortest paths.");
    primary.commit();
    assertThrows(IOException.class, () -> replica.update());
    assertEquals(Set.of("a"), docIds(searchers), "still answering from the last revision");
    assertTrue(replica.state().lastError() != null);

    replica.close();
    Files.writeString(replicaDir.resolve("_zz.cfs"), "left by a crash mid-copy");
    Files.writeString(replicaDir.resolve("pending_segments_zz"), "left by a crash mid-copy");
    server = new ReplicationTestServer(Map.of(BOOKS.value(), published));
    source = ReplicaSource.parse("http://127.0.0.1:" + server.port());
    replica = openReplica();
    assertEquals(held, replica.state().version(), "resumes from the revision on disk");
    assertFalse(Files.exists(replicaDir.resolve("_zz.cfs")));
    assertFalse(Files.exists(replicaDir.resolve("pending_segments_zz")));
    replica.update();
    assertEquals(Set.of("a", "e"), docIds(searchers));
  }

  @Test
  void aSecondReplicaOnTheSameDirectoryIsRefused() throws IOException {
    IOException refused = assertThrows(IOException.class, this::openReplica);
    assertTrue(refused.toString().contains("write.lock"), refused.toString());
  }

  @Test
  void onlyPlainHttpSourcesAreAccepted() {
    IllegalArgumentException https = assertThrows(IllegalArgumentException.class,
        () -> ReplicaSource.parse("https://ingest:8081"));
    assertTrue(https.getMessage().contains("http://"), https.getMessage());
    ReplicaSource parsed = ReplicaSource.parse("http://ingest/base/");
    assertEquals(80, parsed.port());
    assertEquals("/base/api/v1/replication/books", parsed.collectionPath(BOOKS));
  }

  private void write(String docId, String text) throws IOException {
    primary.upsert(docId, docId.toUpperCase(),
        List.of(new Passage(docId + "#0", docId, 0, 0, text.length(), text)));
  }
  private static String text(SearcherManager manager, String docId) throws IOException {
    IndexSearcher searcher = manager.acquire();
    try {
      return storedText(searcher, docId);
    } finally {
      manager.release(searcher);
    }
  }

  private static String storedText(IndexSearcher searcher, String docId) throws IOException {
    List<String> texts = new ArrayList<>();
    for (ScoreDoc hit : searcher.search(
        new TermQuery(new Term(PassageFields.DOC_ID, docId)), 10).scoreDocs) {
      texts.add(searcher.storedFields().document(hit.doc).get(PassageFields.TEXT));
    }
    assertEquals(1, texts.size(), docId + ": " + texts);
    return texts.get(0);
  }
}
