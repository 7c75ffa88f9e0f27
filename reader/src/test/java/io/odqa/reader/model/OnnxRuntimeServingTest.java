package io.odqa.reader.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.reader.TestModels;
import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.Span;
import io.odqa.reader.read.SpanReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reader loaded for ONNX Runtime answers as the same reader loaded for DJL: on the shipped
 * model and real SQuAD-open dev questions, each over its gold paragraph and two others (several
 * windows of different lengths, batched with padding), {@link SpanReader#read} gives the same
 * best span with the same probability within {@value #TOLERANCE}. It keeps no DJL block, refuses a
 * GPU, and serves a MiniLM-based model as well as the bge-small-based one, with the same logits
 * whatever its memory settings.
 */
class OnnxRuntimeServingTest {
  private static final double TOLERANCE = 1e-3;
  private static final int QUESTIONS = 6;
  private static final Path SHIPPED = Path.of("..", "models", "reader");
  private static final Path SQUAD = Path.of(System.getProperty("odqa.squad.dir",
      "../../shared/data/squad-open"));
  private static ReaderModel djl;
  private static ReaderModel ort;

  @BeforeAll
  static void load() throws IOException {
    djl = ReaderModel.load(SHIPPED, "cpu");
    ort = ReaderModel.load(SHIPPED, "cpu", ServingEngine.ONNXRUNTIME);
  }

  @AfterAll
  static void close() {
    djl.close();
    ort.close();
  }

  @Test
  void sameBestSpansAsDjlOnRealQuestions() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> corpus = new LinkedHashMap<>();
    for (String line : Files.readAllLines(SQUAD.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode n = json.readTree(line);
      corpus.put(n.path("id").asText(), n.path("text").asText());
    }
    List<String> ids = new ArrayList<>(corpus.keySet());
    List<String> lines = Files.readAllLines(SQUAD.resolve("dev.jsonl"), StandardCharsets.UTF_8);
    int compared = 0;
    for (int i = 0; compared < QUESTIONS; i += 97) {
      JsonNode q = json.readTree(lines.get(i));
      int gold = ids.indexOf(q.path("context_id").asText());
      List<String> passages = List.of(corpus.get(ids.get(gold)),
          corpus.get(ids.get((gold + 1) % ids.size())),
          corpus.get(ids.get((gold + 500) % ids.size())));
      String question = q.path("question").asText();
      Span a = SpanReader.read(djl, question, passages, ReaderSettings.DEFAULT).get(0);
      Span b = SpanReader.read(ort, question, passages, ReaderSettings.DEFAULT).get(0);
      assertEquals(List.of(a.passage(), a.start(), a.end()),
          List.of(b.passage(), b.start(), b.end()), question);
      assertEquals(a.probability(), b.probability(), TOLERANCE, question);
      compared++;
    }
  }

  @Test
  void answersTheDemoParagraphWithTheExactSpan() {
    String passage = "The phrase \"information retrieval\" itself is usually credited to Calvin"
        + " Mooers, who introduced it around 1950.";
    Span best = SpanReader.read(ort, "Who is credited with the phrase information retrieval?",
        List.of(passage), ReaderSettings.DEFAULT).get(0);
    assertEquals("Calvin Mooers", best.text());
  }

  @Test
  void servesInt8WithTheExactSpan() throws IOException {
    try (ReaderModel int8 = ReaderModel.load(SHIPPED, "cpu", ServingEngine.ONNXRUNTIME_INT8)) {
      assertEquals(ServingEngine.ONNXRUNTIME_INT8, int8.engine());
      assertThrows(IllegalStateException.class, int8::block);
      String passage = "The phrase \"information retrieval\" itself is usually credited to"
          + " Calvin Mooers, who introduced it around 1950.";
      Span best = SpanReader.read(int8, "Who is credited with the phrase information retrieval?",
          List.of(passage), ReaderSettings.DEFAULT).get(0);
      assertEquals("Calvin Mooers", best.text());
    }
  }

  @Test
  void keepsNoDjlBlock() {
    assertEquals(ServingEngine.ONNXRUNTIME, ort.engine());
    assertFalse(ort.device().isGpu());
    assertEquals(djl.config(), ort.config());
    assertEquals(djl.version(), ort.version());
    IllegalStateException e = assertThrows(IllegalStateException.class, ort::block);
    assertTrue(e.getMessage().contains("ONNX Runtime"), e.getMessage());
    assertThrows(IllegalStateException.class, ort::manager);
    assertThrows(IllegalStateException.class, () -> ort.spanLogits(null));
  }

  /**
   * DJL's OnnxRuntime engine creates the process's ONNX Runtime environment itself and cannot
   * start once another exists: serving must leave it able to start (tests of the converter and
   * any DJL model on that engine use it in the same JVM).
   */
  @Test
  void djlsOnnxRuntimeEngineStillStarts() {
    assertEquals("OnnxRuntime", Engine.getEngine("OnnxRuntime").getEngineName());
  }

  @Test
  void refusesAGpu() {
    for (ServingEngine ort : List.of(ServingEngine.ONNXRUNTIME, ServingEngine.ONNXRUNTIME_INT8)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ReaderModel.load(SHIPPED, "gpu", ort));
      assertTrue(e.getMessage().contains("CPU only"), e.getMessage());
    }
    assertEquals(ServingEngine.DJL, ServingEngine.resolve("djl", "cpu"));
    assertEquals(ServingEngine.ONNXRUNTIME_INT8, ServingEngine.resolve("auto", "cpu"));
    assertEquals(ServingEngine.ONNXRUNTIME, ServingEngine.resolve("onnxruntime", "cpu"));
    assertEquals(ServingEngine.ONNXRUNTIME_INT8,
        ServingEngine.resolve(" ONNXRUNTIME-INT8", "cpu"));
    assertEquals(ServingEngine.ONNXRUNTIME, ServingEngine.ONNXRUNTIME_INT8.float32());
    assertEquals(ServingEngine.DJL, ServingEngine.DJL.float32());
    assertEquals("onnxruntime-int8", ServingEngine.ONNXRUNTIME_INT8.id());
    assertEquals(ServingEngine.DJL, ServingEngine.resolve("AUTO", "gpu"));
    assertThrows(IllegalArgumentException.class, () -> ServingEngine.resolve("tvm", "cpu"));
  }

  @Test
  void servesAMiniLmModelWithDjlsLogits() throws IOException {
    long[][][] in = {
        {{101, 2040, 2003, 1037, 102, 7592, 2088, 2003, 2307, 102, 0, 0},
            {101, 2054, 102, 1996, 4248, 2829, 4419, 14523, 2058, 1996, 13971, 102}},
        {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
        {{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0}, {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}}};
    try (ReaderModel a = ReaderModel.load(TestModels.minilm(), "cpu");
        ReaderModel b = ReaderModel.load(TestModels.minilm(), "cpu", ServingEngine.ONNXRUNTIME)) {
      assertEquals(6, b.config().layers());
      float[][][] x = a.logits(in);
      assertClose(x, b.logits(in), "served");
      for (OrtSpanModel.Memory memory : OrtSpanModel.Memory.values()) {
        try (OrtSpanModel m = OrtSpanModel.create(a.block(),
            new OrtSpanModel.Options(1, OptLevel.ALL_OPT, memory, false,
                OrtSpanModel.Precision.FP32))) {
          assertEquals(BaseEncoder.MINILM, m.base());
          assertClose(x, m.logits(in), memory.name());
          assertClose(x, m.logits(in), memory.name() + ", second pass");
        }
      }
    }
  }

  /** Equal within the tolerance on every real token (the padding of row 0 is never decoded). */
  private static void assertClose(float[][][] x, float[][][] y, String what) {
    int[] real = {10, 12};
    for (int k = 0; k < 2; k++) {
      for (int r = 0; r < 2; r++) {
        for (int t = 0; t < real[r]; t++) {
          assertEquals(x[k][r][t], y[k][r][t], TOLERANCE, what + ": logit " + k + "," + r + ","
              + t);
        }
      }
    }
  }
}
