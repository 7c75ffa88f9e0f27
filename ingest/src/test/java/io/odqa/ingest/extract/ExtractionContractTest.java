package io.odqa.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.odqa.core.model.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract: every mention slices back to its text in the document, lies inside its sentence,
 * and every confidence is in [0, 1], over real paragraphs and random edge-case texts; results do
 * not depend on how many threads share the extractor.
 */
class ExtractionContractTest {
  private static final Path SQUAD = Path.of(System.getProperty("odqa.squad.corpus",
      "../../shared/data/squad-open/corpus.jsonl"));
  private static final String[] FRAGMENTS = {
    "Doug Cutting created Lucene in 1999.", "Kafka was open-sourced by LinkedIn.",
    "Neo4j, a graph database, is written in Java.", "Frédéric Chopin was born in Żelazowa Wola.",
    "Beyoncé has won 20 Grammy Awards.", "Zürich is the largest city in Switzerland.",
    "The 東京 office opened in 2020.", "Emoji 😀 lovers founded Emojipedia in 2013.",
    "The United Methodist Church (UMC) is a denomination.",
    "«Le Monde» was founded by Beuve-Méry.",
    "Paris—the capital—is in France.", "Apple's CEO visited Berlin.", "\"Quoted\" Rome fell.",
    "x", "...", "The  Rhine   flows\tinto the North Sea.", "Marie\nCurie won the Nobel Prize."
  };
  private static final String[] SEPARATORS = {" ", "  ", "\n", "\n\n", "\t", " \u00a0 ", "\r\n"};
  private static OpenNlpTripleExtractor extractor;

  @BeforeAll
  static void loadModels() {
    extractor = new OpenNlpTripleExtractor(OpenNlpModels.fromClasspath());
  }

  @Test
  void offsetsAreExactOnRandomTexts() {
    Random random = new Random(42);
    int triples = 0;
    for (int round = 0; round < 200; round++) {
      String prefix = random.nextBoolean() ? "" : "Prefix sentence.\n";
      StringBuilder text = new StringBuilder();
      for (int k = 1 + random.nextInt(5); k > 0; k--) {
        text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)])
            .append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      }
      String body = text.toString().strip();
      triples += checkDocument(prefix + body, prefix.length());
    }
    assertTrue(triples > 50, "too few triples to test anything: " + triples);
  }

  @Test
  void offsetsAreExactOnSquadParagraphs() throws IOException {
    assumeTrue(Files.exists(SQUAD), "SQuAD-open corpus not found at " + SQUAD);
    List<Passage> passages = ExtractionSample.read(SQUAD).subList(0, 150);
    int triples = 0;
    for (Passage p : passages) {
      triples += check(p.text(), p);
    }
    assertTrue(triples > 100, "too few triples to test anything: " + triples);
  }

  @Test
  void twoThreadsGiveTheSameTriplesAsOne() throws Exception {
    List<Passage> passages = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String text = FRAGMENTS[i % FRAGMENTS.length] + " " + FRAGMENTS[(i * 7) % FRAGMENTS.length];
      passages.add(new Passage("d" + i + "::p0", "d" + i, 0, 0, text.length(), text));
    }
    List<List<ExtractedTriple>> sequential = new ArrayList<>();
    for (Passage p : passages) {
      sequential.add(extractor.extract(p));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<ExtractedTriple>>> futures = new ArrayList<>();
      for (Passage p : passages) {
        futures.add(pool.submit(() -> extractor.extract(p)));
      }
      for (int i = 0; i < passages.size(); i++) {
        assertEquals(sequential.get(i), futures.get(i).get());
      }
    } finally {
      pool.shutdown();
    }
  }

  private int checkDocument(String document, int passageStart) {
    String body = document.substring(passageStart);
    Passage p = new Passage("d::p0", "d", 0, passageStart, document.length(), body);
    return check(document, p);
  }

  private int check(String document, Passage p) {
    List<ExtractedTriple> triples = extractor.extract(p);
    for (ExtractedTriple t : triples) {
      for (Mention m : List.of(t.head(), t.tail())) {
        assertEquals(m.text(), document.substring(m.start(), m.end()), t.toString());
        assertTrue(t.sentenceStart() <= m.start() && m.end() <= t.sentenceEnd(), t.toString());
        assertTrue(p.start() <= m.start() && m.end() <= p.end(), t.toString());
      }
      assertTrue(t.confidence() >= 0 && t.confidence() <= 1, t.toString());
      assertEquals(t.relation().strip(), t.relation(), t.toString());
    }
    return triples.size();
  }
}
