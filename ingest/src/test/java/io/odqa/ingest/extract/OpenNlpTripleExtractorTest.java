package io.odqa.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.model.Passage;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tiny fixtures with the exact triples the extractor must produce. */
class OpenNlpTripleExtractorTest {
  private static OpenNlpTripleExtractor extractor;

  @BeforeAll
  static void loadModels() {
    extractor = new OpenNlpTripleExtractor(OpenNlpModels.fromClasspath());
  }

  private static List<String> triples(String text) {
    Passage p = new Passage("d::p0", "d", 0, 0, text.length(), text);
    return extractor.extract(p).stream()
        .map(t -> "(" + t.head().text() + " | " + t.relation() + " | " + t.tail().text() + ")")
        .collect(Collectors.toList());
  }

  @Test
  void verbRelation() {
    assertEquals(List.of("(Doug Cutting | created | Lucene)"),
        triples("Doug Cutting created Lucene in 1999."));
  }

  @Test
  void passiveVerbPrepositionRelationAndCamelCaseName() {
    assertEquals(List.of("(Kafka | was open-sourced by | LinkedIn)"),
        triples("Kafka was open-sourced by LinkedIn."));
  }

  @Test
  void appositiveIsSkippedAndExtracted() {
    assertEquals(List.of("(Neo4j | is written in | Java)", "(Neo4j | is a | graph database)"),
        triples("Neo4j, a graph database, is written in Java."));
  }

  @Test
  void definiteAppositiveWithOfExtension() {
    assertEquals(List.of("(Obama | visited | Berlin)",
            "(Obama | is | president of the United States)"),
        triples("Obama, the president of the United States, visited Berlin in 2008."));
  }

  @Test
  void copulaWithIndefiniteTail() {
    assertEquals(List.of("(Kafka | is a | distributed event streaming platform)"),
        triples("Kafka is a distributed event streaming platform."));
  }

  @Test
  void verbWordsPrepositionAfterCopula() {
    assertEquals(List.of("(Paris | is the capital of | France)"),
        triples("Paris is the capital of France."));
  }

  @Test
  void adverbsDroppedButNegationKept() {
    assertEquals(List.of("(Lucene | was not written in | Python)"),
        triples("Lucene was not originally written in Python."));
  }

  @Test
  void relativePronounIsSkippedForNamedHead() {
    assertEquals(List.of("(Apache Lucene | was created by | Doug Cutting)"),
        triples("Apache Lucene, which was created by Doug Cutting, is written in Java."));
  }

  @Test
  void parentheticalAfterHeadIsSkipped() {
    assertEquals(List.of(
            "(United Methodist Church | is a | mainline Protestant Methodist denomination)"),
        triples("The United Methodist Church (UMC) is a mainline Protestant Methodist "
            + "denomination."));
  }

  @Test
  void noTripleWithoutANamedArgumentOrWithContextualArguments() {
    assertEquals(List.of(), triples("The embargo caused an oil crisis."));
    assertEquals(List.of(), triples("The factory was purchased by Daewoo."));
  }

  @Test
  void complementClauseSubjectIsNotATail() {
    assertEquals(List.of(), triples("Smith said Jones was wrong."));
  }

  @Test
  void offsetsAreInDocumentCoordinates() {
    String document = "Intro words here. Doug Cutting created Lucene in 1999.";
    int start = document.indexOf("Doug");
    Passage p = new Passage("d::p1", "d", 1, start, document.length(),
        document.substring(start));
    ExtractedTriple t = extractor.extract(p).get(0);
    assertEquals(new Mention("Doug Cutting", start, start + 12), t.head());
    assertEquals(new Mention("Lucene", document.indexOf("Lucene"),
        document.indexOf("Lucene") + 6), t.tail());
    assertEquals(start, t.sentenceStart());
    assertEquals(document.length(), t.sentenceEnd());
    assertEquals("d::p1", t.passageId());
  }

  @Test
  void longSentencesAreSkippedAndCounted() {
    OpenNlpTripleExtractor strict = new OpenNlpTripleExtractor(OpenNlpModels.fromClasspath(), 6);
    String text = "Doug Cutting created Lucene in 1999. Kafka was open-sourced by LinkedIn.";
    List<ExtractedTriple> found = strict.extract(new Passage("d::p0", "d", 0, 0, text.length(),
        text));
    assertEquals(1, found.size());
    assertEquals("LinkedIn", found.get(0).tail().text());
    assertEquals(2, strict.sentencesSeen());
    assertEquals(1, strict.sentencesSkipped());
  }

  @Test
  void confidenceIsHigherForCleanShortNamedTriples() {
    double clean = extractor.extract(passage("Kafka was open-sourced by LinkedIn.")).get(0)
        .confidence();
    double noisy = extractor.extract(passage("After many years of quiet work on many other "
        + "projects and many other things, and a long time later, the Romans kept eight legions "
        + "in five bases along the Rhine.")).get(0).confidence();
    assertTrue(clean > noisy, clean + " <= " + noisy);
  }

  private static Passage passage(String text) {
    return new Passage("d::p0", "d", 0, 0, text.length(), text);
  }
}
