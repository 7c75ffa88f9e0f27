package io.odqa.reader.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.odqa.reader.TestModels;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An inference pass keeps no layer's intermediates: what is left attached to the caller's
 * manager after {@link BertQaBlock#encode} does not grow with the number of layers, while a
 * training pass keeps every layer's tensors for the backward pass.
 */
class InferenceMemoryTest {
  private static ReaderModel model;

  @BeforeAll
  static void load() throws Exception {
    model = ReaderModel.load(TestModels.minilm(), "cpu");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static int arraysLeftAfterEncode(boolean training) {
    try (NDManager m = model.manager().newSubManager()) {
      long[][] ids = new long[2][24];
      long[][] mask = new long[2][24];
      for (long[] row : ids) {
        Arrays.fill(row, 1000L);
      }
      for (long[] row : mask) {
        Arrays.fill(row, 1L);
      }
      NDList in = new NDList(m.create(ids), m.create(mask), m.create(new long[2][24]));
      NDArray out = model.block().encode(new ParameterStore(m, false), in, training);
      assertEquals(24 * 2 * model.block().config().hiddenSize(), out.size());
      return m.getManagedArrays().size();
    }
  }

  @Test
  void inferenceFreesEachLayersIntermediates() {
    int layers = model.block().config().layers();
    int inference = arraysLeftAfterEncode(false);
    int training = arraysLeftAfterEncode(true);
    // Inputs, embeddings, the mask bias and the output: a fixed handful, fewer than the layers'
    // own tensors of even one layer (projections, scores, probabilities, norms: about 20).
    assertTrue(inference < 20, "inference left " + inference + " arrays");
    assertTrue(training > inference + 10 * layers,
        "training keeps " + training + " arrays for backward, inference " + inference);
    assertFalse(layers < 2, "the test model needs several layers");
  }
}
