package io.odqa.reader.convert;

import static io.odqa.reader.convert.OnnxWeightSwapTest.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic int8 quantisation: the per-column arithmetic on a tiny fixture with exact values, the
 * node pattern on a hand-written one-MatMul graph, the refusals, and the real bge-small graph,
 * whose 72 weight MatMuls are replaced while its hidden states keep their direction under ONNX
 * Runtime (mean cosine per token at least {@value #MIN_COSINE}).
 */
class OnnxDynamicQuantizerTest {
  private static final double MIN_COSINE = 0.99;
  private static final String W = "onnx::MatMul_7";
  @TempDir static Path dir;
  private static Path fp32;
  private static Path int8;

  @BeforeAll
  static void quantizeBgeSmall() throws IOException {
    fp32 = dir.resolve("bge-small.onnx");
    int8 = dir.resolve("bge-small-int8.onnx");
    try (InputStream in = BaseEncoder.BGE_SMALL.openOnnx()) {
      Files.copy(in, fp32);
    }
    OnnxDynamicQuantizer.quantize(fp32, int8);
  }

  @Test
  void quantisesEachColumnSymmetricallyWithTiesToEven() {
    // Columns: max 127 (scale 1, -63.5 -> -64), zero (scale 1), max 254 (scale 2, 2.5 -> 2),
    // min -254 (scale 2: -127, never -128; 1.5 -> 2).
    float[] w = {127, 0, 254, -254, -63.5f, 0, 5, 3};
    OnnxDynamicQuantizer.Quantized q = OnnxDynamicQuantizer.quantizeColumns(w, 2, 4);
    assertArrayEquals(new float[] {1, 1, 2, 2}, q.scales());
    assertArrayEquals(new byte[] {127, 0, 127, -127, -64, 0, 2, 2}, q.values());

    float[] small = {0.3f, -0.1f};
    OnnxDynamicQuantizer.Quantized s = OnnxDynamicQuantizer.quantizeColumns(small, 2, 1);
    assertEquals(0.3f / 127, s.scales()[0]);
    assertArrayEquals(new byte[] {127, -42}, s.values(), "-0.1 / (0.3 / 127) = -42.3");

    assertThrows(IllegalArgumentException.class,
        () -> OnnxDynamicQuantizer.quantizeColumns(new float[] {1, Float.NaN}, 1, 2));
    assertThrows(IllegalArgumentException.class,
        () -> OnnxDynamicQuantizer.quantizeColumns(new float[] {1, 2, 3}, 2, 2));
  }

  @Test
  void replacesAWeightMatMulByTheIntegerPattern() throws IOException {
    // "x_quantized" is taken by the graph output, so the activation's name gets a suffix.
    Path in = write(model(List.of(node("mm", "MatMul", List.of("x", W), "y"),
        node("id", "Identity", List.of("y"), "x_quantized")), floatWeight(W, 2, 3)));
    Path out = dir.resolve("tiny-int8.onnx");
    OnnxDynamicQuantizer.quantize(in, out);
    OnnxWeightSwap.Layout layout = layout(out);
    assertEquals(List.of(
            new OnnxGraph.Node("x_QuantizeLinear", "DynamicQuantizeLinear", List.of("x"),
                List.of("x_quantized_1", "x_scale", "x_zero_point")),
            new OnnxGraph.Node("mm_scales_mul", "Mul", List.of("x_scale", W + "_scale"),
                List.of("y_scale")),
            new OnnxGraph.Node("mm_quant", "MatMulInteger",
                List.of("x_quantized_1", W + "_quantized", "x_zero_point", W + "_zero_point"),
                List.of("y_int32")),
            new OnnxGraph.Node("mm_cast", "Cast", List.of("y_int32"), List.of("y_float")),
            new OnnxGraph.Node("mm_output_mul", "Mul", List.of("y_float", "y_scale"),
                List.of("y")),
            new OnnxGraph.Node("id", "Identity", List.of("y"), List.of("x_quantized"))),
        layout.nodes());
    Map<String, OnnxWire.TensorHeader> init = layout.initializers();
    assertEquals(List.of(W + "_quantized", W + "_scale", W + "_zero_point"),
        List.copyOf(init.keySet()));
    assertEquals(3, init.get(W + "_quantized").type());
    assertArrayEquals(new long[] {2, 3}, init.get(W + "_quantized").dims());
    assertEquals(1, init.get(W + "_scale").type());
    assertArrayEquals(new long[] {3}, init.get(W + "_zero_point").dims());
    // W = [[1, 2, 3], [4, 5, 6]]: column maxima 4, 5, 6.
    assertArrayEquals(new float[] {4f / 127, 5f / 127, 6f / 127},
        OnnxGraph.parse(Files.readAllBytes(out)).initializers().get(W + "_scale").data());
  }

  @Test
  void refusesGraphsWithoutAFloatMatrixWeight() throws IOException {
    Path none = write(model(List.of(node("mm", "MatMul", List.of("a", "b"), "y")),
        floatWeight(W, 2, 3)));
    IOException e = assertThrows(IOException.class,
        () -> OnnxDynamicQuantizer.quantize(none, dir.resolve("none-int8.onnx")));
    assertTrue(e.getMessage().contains("nothing to quantise"), e.getMessage());

    Path vector = write(model(List.of(node("mm", "MatMul", List.of("x", W), "y")),
        floatWeight(W, 6)));
    e = assertThrows(IOException.class,
        () -> OnnxDynamicQuantizer.quantize(vector, dir.resolve("vector-int8.onnx")));
    assertTrue(e.getMessage().contains("only 2-D float"), e.getMessage());
    assertTrue(e.getMessage().contains("[6]"), e.getMessage());

    Path shared = write(model(List.of(node("mm", "MatMul", List.of("x", W), "y"),
        node("add", "Add", List.of("y", W), "z")), floatWeight(W, 2, 3)));
    e = assertThrows(IOException.class,
        () -> OnnxDynamicQuantizer.quantize(shared, dir.resolve("shared-int8.onnx")));
    assertTrue(e.getMessage().contains("Add node add"), e.getMessage());
  }

  @Test
  void replacesTheWeightMatMulsOfBgeSmall() throws IOException {
    OnnxWeightSwap.Layout before = layout(fp32);
    OnnxWeightSwap.Layout after = layout(int8);
    Set<String> weights = before.nodes().stream()
        .filter(n -> n.opType().equals("MatMul")
            && before.initializers().containsKey(n.inputs().get(1)))
        .map(n -> n.inputs().get(1)).collect(Collectors.toSet());
    assertEquals(72, weights.size());
    Map<String, Long> ops = after.nodes().stream()
        .collect(Collectors.groupingBy(OnnxGraph.Node::opType, Collectors.counting()));
    assertEquals(72L, ops.get("MatMulInteger"));
    assertEquals(24L, ops.get("MatMul"), "attention's QK^T and AV stay float");
    assertEquals(48L, ops.get("DynamicQuantizeLinear"), "Q, K and V share one per layer");
    for (String w : weights) {
      assertFalse(after.initializers().containsKey(w), w + " is dropped");
      assertEquals(3, after.initializers().get(w + "_quantized").type());
    }
    System.out.printf("bge-small: %.1f MB fp32, %.1f MB int8%n", Files.size(fp32) / 1e6,
        Files.size(int8) / 1e6);
  }

  @Test
  void int8GraphKeepsTheHiddenStates() throws OrtException {
    Engine.getEngine("OnnxRuntime"); // DJL's engine must create the environment first
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(2);
      o.setOptimizationLevel(OptLevel.ALL_OPT);
      try (OrtSession a = env.createSession(fp32.toString(), o);
          OrtSession b = env.createSession(int8.toString(), o)) {
        long[][] ids = tokens(2, 40, new Random(7));
        float[][][] x = hidden(env, a, ids);
        float[][][] y = hidden(env, b, ids);
        double sum = 0;
        double min = 1;
        for (int r = 0; r < x.length; r++) {
          for (int t = 0; t < x[r].length; t++) {
            double c = cosine(x[r][t], y[r][t]);
            sum += c;
            min = Math.min(min, c);
          }
        }
        double mean = sum / (x.length * x[0].length);
        System.out.printf("int8 vs fp32 last_hidden_state, 2 x 40 tokens: mean cosine %.5f,"
            + " min %.5f%n", mean, min);
        assertTrue(mean >= MIN_COSINE, "mean cosine " + mean);
        long[][] one = tokens(1, 180, new Random(11));
        System.out.printf("20 passes of 1 x 180 tokens, 2 threads: fp32 %.1f ms, int8 %.1f ms"
            + " per pass%n", millisPerPass(env, a, one), millisPerPass(env, b, one));
      }
    }
  }

  /** Rows of [CLS], word-piece ids of the vocabulary's word range, [SEP]. */
  private static long[][] tokens(int rows, int length, Random random) {
    long[][] ids = new long[rows][length];
    for (long[] row : ids) {
      for (int t = 1; t < length - 1; t++) {
        row[t] = 1996 + random.nextInt(28_000);
      }
      row[0] = 101;
      row[length - 1] = 102;
    }
    return ids;
  }

  private static float[][][] hidden(OrtEnvironment env, OrtSession s, long[][] ids)
      throws OrtException {
    long[] shape = {ids.length, ids[0].length};
    long[][] ones = new long[ids.length][ids[0].length];
    for (long[] row : ones) {
      Arrays.fill(row, 1);
    }
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, flat(ids), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, flat(ones), shape));
      in.put("token_type_ids", OnnxTensor.createTensor(env, flat(new long[ids.length][ids[0]
          .length]), shape));
      try (OrtSession.Result r = s.run(in, Set.of("last_hidden_state"))) {
        return (float[][][]) r.get(0).getValue();
      }
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  private static double millisPerPass(OrtEnvironment env, OrtSession s, long[][] ids)
      throws OrtException {
    hidden(env, s, ids);
    hidden(env, s, ids);
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      hidden(env, s, ids);
    }
    return (System.nanoTime() - start) / 20 / 1e6;
  }

  private static LongBuffer flat(long[][] rows) {
    LongBuffer b = LongBuffer.allocate(rows.length * rows[0].length);
    for (long[] row : rows) {
      b.put(row);
    }
    return b.flip();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static OnnxWeightSwap.Layout layout(Path model) throws IOException {
    try (FileChannel c = FileChannel.open(model)) {
      ByteBuffer mapped = c.map(FileChannel.MapMode.READ_ONLY, 0, c.size());
      return OnnxWeightSwap.layout(mapped);
    }
  }

  private static Path write(byte[] model) throws IOException {
    return Files.write(Files.createTempFile(dir, "tiny-", ".onnx"), model);
  }

  /** A float initializer holding 1, 2, 3, ... */
  private static byte[] floatWeight(String name, long... dims) throws IOException {
    float[] data = new float[(int) Arrays.stream(dims).reduce(1, (p, d) -> p * d)];
    for (int i = 0; i < data.length; i++) {
      data[i] = i + 1;
    }
    return OnnxWeightSwap.tensorProto(new OnnxGraph.Tensor(name, dims, data));
  }

  /** ModelProto {ir_version 8, graph "tiny" of {@code nodes}, one initializer}. */
  private static byte[] model(List<byte[]> nodes, byte[] initializer) throws IOException {
    byte[] graph = OnnxDynamicQuantizer.serialise(out -> {
      for (byte[] n : nodes) {
        out.writeByteArray(1, n);
      }
      out.writeString(2, "tiny");
      out.writeByteArray(5, initializer);
    });
    return OnnxDynamicQuantizer.serialise(out -> {
      out.writeInt64(1, 8);
      out.writeByteArray(7, graph);
    });
  }
}
