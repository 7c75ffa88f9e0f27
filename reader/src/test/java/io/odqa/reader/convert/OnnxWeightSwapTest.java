package io.odqa.reader.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.protobuf.CodedOutputStream;
import io.odqa.reader.model.ReaderModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The weight swap on a hand-written two-node ONNX model ({@code y = x @ W + b}): the anonymous
 * MatMul weight is named after its bias and filled transposed, named initializers keep their
 * names, other fields and non-float initializers survive byte for byte, and a parameter or an
 * initializer without a counterpart is an error.
 */
class OnnxWeightSwapTest {
  private static final String W = "onnx::MatMul_7";
  private static final String B = "layer.dense.bias";

  @Test
  void matMulWeightIsNamedByTheBiasOfItsAdd() throws IOException {
    Map<String, OnnxWeightSwap.Source> sources = OnnxWeightSwap.sources(OnnxWeightSwap.layout(model()));
    assertEquals(Map.of(W, new OnnxWeightSwap.Source("layer.dense.weight", true),
        B, new OnnxWeightSwap.Source(B, false)), sources);
  }

  @Test
  void rewriteReplacesFloatInitializersAndKeepsEverythingElse() throws IOException {
    byte[] before = model();
    byte[] after = OnnxWeightSwap.rewrite(before, Map.of(
        W, new OnnxGraph.Tensor(W, new long[] {2, 3}, new float[] {9, 8, 7, 6, 5, 4}),
        B, new OnnxGraph.Tensor(B, new long[] {3}, new float[] {-1, -2, -3})));
    OnnxGraph graph = OnnxGraph.parse(after);
    assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4}, graph.initializers().get(W).data());
    assertArrayEquals(new long[] {2, 3}, graph.initializers().get(W).dims());
    assertArrayEquals(new float[] {-1, -2, -3}, graph.initializers().get(B).data());
    assertEquals(OnnxGraph.parse(before).nodes(), graph.nodes());
    assertTrue(contains(after, int64Initializer()), "the int64 initializer is copied as it was");
    assertTrue(contains(after, "tiny".getBytes()), "the graph name is kept");
    assertArrayEquals(Arrays.copyOf(before, 2), Arrays.copyOf(after, 2), "ir_version kept");
  }

  @Test
  void replacementsTransposeLinearWeightsFromTheBlock() throws IOException {
    try (NDManager m = Engine.getEngine(ReaderModel.ENGINE).newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      // PyTorch layout [out = 3, in = 2]; the ONNX initializer is [in, out].
      params.put("layer.dense.weight", parameter(m, "layer.dense.weight",
          new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
      params.put(B, parameter(m, B, new float[] {0.5f, 0.25f, 0.125f}, 3));
      Map<String, OnnxWeightSwap.Source> plan = OnnxWeightSwap.plan(
          OnnxWeightSwap.layout(model()), params);
      assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, OnnxWeightSwap.values(plan.get(W), params));
      assertArrayEquals(new float[] {0.5f, 0.25f, 0.125f},
          OnnxWeightSwap.values(plan.get(B), params));

      params.put("layer.extra.weight", parameter(m, "layer.extra.weight", new float[] {1}, 1));
      IOException unused = assertThrows(IOException.class,
          () -> OnnxWeightSwap.plan(OnnxWeightSwap.layout(model()), params));
      assertTrue(unused.getMessage().contains("layer.extra.weight"), unused.getMessage());

      params.remove("layer.extra.weight");
      params.put("layer.dense.weight", parameter(m, "layer.dense.weight",
          new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
      IOException shape = assertThrows(IOException.class,
          () -> OnnxWeightSwap.plan(OnnxWeightSwap.layout(model()), params));
      assertTrue(shape.getMessage().contains("[3, 2]"), shape.getMessage());
    }
  }

  @Test
  void anonymousInitializerOutsideAMatMulIsAnError() throws IOException {
    byte[] model = modelProto(graph(List.of(), List.of(
        OnnxWeightSwap.tensorProto(new OnnxGraph.Tensor("onnx::Mul_3", new long[] {1},
            new float[] {2})))));
    IOException e = assertThrows(IOException.class,
        () -> OnnxWeightSwap.sources(OnnxWeightSwap.layout(model)));
    assertTrue(e.getMessage().contains("onnx::Mul_3"), e.getMessage());
  }

  private static Parameter parameter(NDManager m, String name, float[] data, long... shape) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    p.setArray(m.create(data, new Shape(shape)));
    return p;
  }

  /** ModelProto {ir_version 8, graph "tiny": MatMul(x, W) -> Add(B, mm) -> y}. */
  private static byte[] model() throws IOException {
    return modelProto(graph(
        List.of(node("mm_node", "MatMul", List.of("x", W), "mm"),
            node("add_node", "Add", List.of(B, "mm"), "y")),
        List.of(OnnxWeightSwap.tensorProto(new OnnxGraph.Tensor(W, new long[] {2, 3},
                new float[] {1, 2, 3, 4, 5, 6})),
            int64Initializer(),
            OnnxWeightSwap.tensorProto(new OnnxGraph.Tensor(B, new long[] {3},
                new float[] {0, 0, 0})))));
  }

  private static byte[] modelProto(byte[] graph) throws IOException {
    return write(out -> {
      out.writeInt64(1, 8);
      out.writeByteArray(7, graph);
    });
  }

  private static byte[] graph(List<byte[]> nodes, List<byte[]> initializers) throws IOException {
    return write(out -> {
      for (byte[] n : nodes) {
        out.writeByteArray(1, n);
      }
      out.writeString(2, "tiny");
      for (byte[] t : initializers) {
        out.writeByteArray(5, t);
      }
    });
  }

  /** A NodeProto with no attributes (also for {@link OnnxDynamicQuantizerTest}). */
  static byte[] node(String name, String op, List<String> inputs, String output)
      throws IOException {
    return write(out -> {
      for (String i : inputs) {
        out.writeString(1, i);
      }
      out.writeString(2, output);
      out.writeString(3, name);
      out.writeString(4, op);
    });
  }

  /** An int64 TensorProto {dims [2], data_type 7, int64_data [5, 9], name "shape"}. */
  private static byte[] int64Initializer() throws IOException {
    return write(out -> {
      out.writeInt64(1, 2);
      out.writeInt32(2, 7);
      out.writeInt64(7, 5);
      out.writeInt64(7, 9);
      out.writeString(8, "shape");
    });
  }

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] write(Writer w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    w.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
