package io.odqa.reader.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.reader.TestModels;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.QaTokenizer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial fine-tuning on a real 6-layer encoder (all-MiniLM-L6-v2 with a span head), two updates
 * on CPU: with {@code topLayers = 1} the embeddings and layers 0-4 stay bitwise unchanged while
 * layer 5 and the span head move; with {@code topLayers = -1} the embeddings move too.
 */
class PartialFineTuningTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  // No warm-up, so the very first update already has a non-zero learning rate; no weight decay,
  // so a parameter changes only through its gradient.
  private static final TrainSettings TWO_UPDATES = new TrainSettings(1, 2, 1e-3f, 0f, 0f, 1f, 7L,
      64, 16, 0, 2);

  @Test
  void topLayerAndHeadMoveWhileEverythingBelowStaysBitwiseEqual(@TempDir Path dir)
      throws Exception {
    TokenizedSet set = tinySet(dir);
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      int layers = model.block().config().layers();
      String top = "encoder.layer." + (layers - 1) + ".";
      Map<String, float[]> before = weights(model);
      // Autograd must record nothing below the top layer, or the backward pass runs through the
      // whole encoder even though the optimizer never touches the frozen weights.
      Set<String> tracked = new TreeSet<>();
      ReaderTrainer.Progress spy = (step, total) -> model.block().parametersByName().forEach(
          (name, p) -> {
            if (p.getArray().hasGradient()) {
              tracked.add(name);
            }
          });
      ReaderTrainer.Result r = new ReaderTrainer(model, TWO_UPDATES.withTopLayers(1), QUIET, spy,
          () -> false).train(set, null, null);
      assertEquals(2, r.steps());
      assertTrue(tracked.stream().allMatch(n -> n.startsWith(top) || n.startsWith("qa_outputs.")),
          "frozen parameters tracked gradients: " + tracked);
      assertEquals(18, tracked.size(), "the top layer's 16 tensors and the head's 2");
      Map<String, float[]> after = weights(model);
      for (String name : before.keySet()) {
        boolean trained = name.startsWith(top) || name.startsWith("qa_outputs.");
        if (trained) {
          assertFalse(Arrays.equals(before.get(name), after.get(name)), name + " did not change");
        } else {
          assertArrayEquals(before.get(name), after.get(name), name + " changed while frozen");
        }
      }
      model.block().parametersByName().forEach((name, p) ->
          assertFalse(p.getArray().hasGradient(), name + " still requires a gradient"));
    }
  }

  @Test
  void allLayersMoveTheEmbeddingsToo(@TempDir Path dir) throws Exception {
    TokenizedSet set = tinySet(dir);
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      Map<String, float[]> before = weights(model);
      new ReaderTrainer(model, TWO_UPDATES, QUIET).train(set, null, null);
      Map<String, float[]> after = weights(model);
      for (String name : List.of("embeddings.word_embeddings.weight",
          "encoder.layer.0.attention.self.query.weight", "qa_outputs.weight")) {
        assertFalse(Arrays.equals(before.get(name), after.get(name)), name + " did not change");
      }
    }
  }

  @Test
  void selectsTheTopLayersAndTheHeadByName() throws Exception {
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      int all = model.block().parametersByName().size();
      assertEquals(all, ReaderTrainer.trainable(model.block(), -1).size());
      assertEquals(List.of("qa_outputs.weight", "qa_outputs.bias"),
          List.copyOf(ReaderTrainer.trainable(model.block(), 0).keySet()));
      // 16 tensors per layer: six Linear layers and two LayerNorms, a weight and a bias each.
      Map<String, ?> two = ReaderTrainer.trainable(model.block(), 2);
      assertEquals(2 * 16 + 2, two.size());
      assertTrue(two.keySet().stream().allMatch(n -> n.startsWith("encoder.layer.4.")
          || n.startsWith("encoder.layer.5.") || n.startsWith("qa_outputs.")),
          two.keySet()::toString);
      assertEquals(all - 5, ReaderTrainer.trainable(model.block(), 6).size(),
          "every layer but not the five embedding tensors");
    }
  }

  @Test
  void rejectsMoreLayersThanTheModelHasNamingTheValue(@TempDir Path dir) throws Exception {
    TokenizedSet set = tinySet(dir);
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new ReaderTrainer(model, TWO_UPDATES.withTopLayers(7), QUIET).train(set, null,
              null));
      assertEquals("topLayers must be in [-1, 6] for this 6-layer model, got 7", e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TWO_UPDATES.withTopLayers(-2));
    assertEquals("topLayers must be at least -1, got -2", e.getMessage());
  }

  @Test
  void stopsBeforeTheNextUpdateOnceCancelled(@TempDir Path dir) throws Exception {
    TokenizedSet set = tinySet(dir);
    int[] seen = {0};
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      ReaderTrainer trainer = new ReaderTrainer(model, TWO_UPDATES.withTopLayers(1), QUIET,
          (step, total) -> {
            assertEquals(2, total);
            seen[0] = step;
          }, () -> seen[0] >= 1);
      CancellationException e = assertThrows(CancellationException.class,
          () -> trainer.train(set, null, null));
      assertEquals("training cancelled before update 2 of 2", e.getMessage());
      assertEquals(1, seen[0]);
      model.block().parametersByName().forEach((name, p) ->
          assertFalse(p.getArray().hasGradient(), name + " still requires a gradient"));
    }
  }

  private static TokenizedSet tinySet(Path dir) throws Exception {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, """
        {"id": "c1", "title": "", "text": "Grace Hopper built the first COBOL compiler in 1959. She was a rear admiral."}
        {"id": "c2", "title": "", "text": "Alan Turing described a universal machine in 1936 at Cambridge."}
        """);
    Path questions = dir.resolve("q.jsonl");
    Files.writeString(questions, """
        {"id": "q1", "question": "Who built the first COBOL compiler?", "context_id": "c1", "answers": ["Grace Hopper"], "answer_starts": [0]}
        {"id": "q3", "question": "What rank did she hold?", "context_id": "c1", "answers": ["rear admiral"], "answer_starts": [61]}
        {"id": "q4", "question": "What did Turing describe?", "context_id": "c2", "answers": ["a universal machine"], "answer_starts": [22]}
        {"id": "q5", "question": "Where was Turing?", "context_id": "c2", "answers": ["Cambridge"], "answer_starts": [54]}
        """);
    try (QaTokenizer tok = new QaTokenizer(TestModels.minilm().resolve("tokenizer.json"))) {
      return TokenizedSet.build(questions, corpus, tok);
    }
  }

  private static Map<String, float[]> weights(ReaderModel model) {
    Map<String, float[]> out = new TreeMap<>();
    model.block().parametersByName().forEach((name, p) ->
        out.put(name, p.getArray().toFloatArray()));
    return out;
  }
}
