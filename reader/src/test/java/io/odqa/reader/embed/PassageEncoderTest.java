package io.odqa.reader.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.odqa.reader.model.ServingEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoder's contract: unit vectors of dimension 384, the same vector for a text whether it
 * is embedded alone or in a padded batch, and a question closest to the passage that answers it.
 */
class PassageEncoderTest {
  private static final List<String> PASSAGES = List.of(
      "Neo4j was founded in Malmö, Sweden, by Emil Eifrem.",
      "Okapi BM25 is a ranking function used by search engines to estimate relevance.",
      "The 1973 oil crisis began in October 1973 when OAPEC proclaimed an oil embargo.",
      "Apache Kafka is a distributed event store and stream-processing platform written in"
          + " Scala and Java, first developed at LinkedIn.",
      "Alexander Fleming discovered penicillin in 1928 at St Mary's Hospital in London.");
  private static final List<String> QUESTIONS = List.of("Who founded Neo4j?",
      "How do search engines rank documents?", "When did the oil crisis start?",
      "Which company first developed Kafka?", "Who found penicillin?");
  private static PassageEncoder encoder;

  @BeforeAll
  static void load() throws Exception {
    encoder = PassageEncoder.open(Path.of("target", "models", "bge-small"), "cpu");
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void onnxRuntimeAndDjlGiveTheSameVectors() throws Exception {
    assertEquals(ServingEngine.ONNXRUNTIME, encoder.engine());
    try (PassageEncoder djl = PassageEncoder.open(Path.of("target", "models", "bge-small"), "cpu",
        ServingEngine.DJL)) {
      List<float[]> a = encoder.embedPassages(PASSAGES);
      List<float[]> b = djl.embedPassages(PASSAGES);
      for (int i = 0; i < PASSAGES.size(); i++) {
        assertArrayEquals(b.get(i), a.get(i), 1e-4f, "passage " + i);
      }
      assertArrayEquals(djl.embedQuery(QUESTIONS.get(0)), encoder.embedQuery(QUESTIONS.get(0)),
          1e-4f);
    }
  }

  @Test
  void vectorsHaveUnitNormAndTheModelDimension() {
    for (float[] v : encoder.embedPassages(PASSAGES)) {
      assertEquals(PassageEncoder.DIMENSION, v.length);
      double norm = 0;
      for (float x : v) {
        norm += x * x;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-4);
    }
  }

  @Test
  void aBatchGivesEachTextItsVectorAlone() {
    List<float[]> batch = encoder.embedPassages(PASSAGES);
    for (int i = 0; i < PASSAGES.size(); i++) {
      assertArrayEquals(encoder.embedPassages(List.of(PASSAGES.get(i))).get(0), batch.get(i),
          2e-4f, "passage " + i);
    }
  }

  @Test
  void eachQuestionIsClosestToItsPassage() {
    List<float[]> passages = encoder.embedPassages(PASSAGES);
    for (int q = 0; q < QUESTIONS.size(); q++) {
      float[] query = encoder.embedQuery(QUESTIONS.get(q));
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < passages.size(); p++) {
        double s = dot(query, passages.get(p));
        if (s > bestScore) {
          bestScore = s;
          best = p;
        }
      }
      assertEquals(q, best, QUESTIONS.get(q));
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
