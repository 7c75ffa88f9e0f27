package io.odqa.reader.convert;

import static io.odqa.reader.convert.OnnxWire.FLOAT;
import static io.odqa.reader.convert.OnnxWire.GRAPH;
import static io.odqa.reader.convert.OnnxWire.INITIALIZER;
import static io.odqa.reader.convert.OnnxWire.NODE;

import com.google.protobuf.CodedOutputStream;
import io.odqa.reader.convert.OnnxWire.Content;
import io.odqa.reader.convert.OnnxWire.Edit;
import io.odqa.reader.convert.OnnxWeightSwap.Layout;
import io.odqa.reader.convert.OnnxWire.TensorHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dynamic int8 quantisation of an ONNX model's weight MatMuls, the rewrite that ONNX Runtime's
 * {@code quantize_dynamic(per_channel=True, weight_type=QInt8)} makes. Each node {@code Y =
 * MatMul(X, W)} whose weight {@code W} is a float initializer {@code [in, out]} becomes
 *
 * <pre>
 *   Xq, Xs, Xz = DynamicQuantizeLinear(X)        once per X: Q, K and V share one
 *   S  = Mul(Xs, W_scale)
 *   Yi = MatMulInteger(Xq, W_quantized, Xz, W_zero_point)
 *   Yf = Cast(to = FLOAT)(Yi)
 *   Y  = Mul(Yf, S)
 * </pre>
 *
 * <p>which ONNX Runtime's optimiser fuses into one {@code MatMulIntegerToFloat} kernel. The
 * weight is quantised per output column and symmetrically: {@code scale = max|column| / 127} (1
 * for a zero column), {@code q = round(w / scale)} in [-127, 127], zero point 0. The activation
 * {@code X} is quantised to uint8 on every pass with its own range, so no calibration data are
 * needed (Jacob et al., 2018, "Quantization and Training of Neural Networks for Efficient
 * Integer-Arithmetic-Only Inference", eq. 1). MatMuls of two activations (attention's {@code
 * QK^T} and {@code AV}) stay float.
 *
 * <p>The rewrite streams as {@link OnnxWeightSwap} does: the input is mapped, not read onto the
 * heap; the graph's size is computed before it is written; and one weight at a time is held in
 * memory. Every other field is copied byte for byte.
 */
public final class OnnxDynamicQuantizer {
  /** Largest int8 magnitude: weights use the symmetric range [-127, 127], as ORT's QInt8. */
  static final int QMAX = 127;
  /** TensorProto.DataType INT8. */
  private static final int INT8 = 3;
  /** NodeProto fields. */
  private static final int INPUT = 1;
  private static final int OUTPUT = 2;
  private static final int NAME = 3;
  private static final int OP_TYPE = 4;
  private static final int ATTRIBUTE = 5;
  /** AttributeProto fields, and its AttributeType INT. */
  private static final int ATTRIBUTE_NAME = 1;
  private static final int ATTRIBUTE_INT = 3;
  private static final int ATTRIBUTE_TYPE = 20;
  private static final int TYPE_INT = 2;

  /**
   * A weight quantised per column.
   *
   * @param values int8 values, row-major as the float weight
   * @param scales one scale per column: {@code w ~ value * scale}
   */
  record Quantized(byte[] values, float[] scales) {}

  /** Names of the three initializers that replace a float weight. */
  private record WeightNames(String quantized, String scale, String zeroPoint) {}

  private OnnxDynamicQuantizer() {}

  /**
   * Writes {@code fp32Model} to {@code out} with every weight MatMul quantised; nothing is
   * written unless the graph has one, and every such weight is 2-D float.
   *
   * @throws IOException when the model cannot be read or written, or is refused
   */
  public static void quantize(Path fp32Model, Path out) throws IOException {
    try (FileChannel channel = FileChannel.open(fp32Model, StandardOpenOption.READ)) {
      long bytes = channel.size();
      if (bytes > Integer.MAX_VALUE) {
        throw new IOException(fp32Model + " is " + bytes + " bytes, over the 2 GB of a"
            + " serialised protobuf");
      }
      ByteBuffer model = channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
      Plan plan = new Plan(OnnxWeightSwap.layout(model));
      try (OutputStream file = Files.newOutputStream(out)) {
        CodedOutputStream coded = CodedOutputStream.newInstance(file, 1 << 16);
        write(model, plan, coded);
        coded.flush();
      }
    }
  }

  /**
   * Quantises {@code w} ({@code rows x cols}, row-major, a MatMul weight {@code [in, out]}) per
   * column: {@code scale = max|column| / 127}, or 1 for a zero column, and {@code q = rint(w /
   * scale)} clamped to [-127, 127] (ties to even, as numpy's {@code round} in ORT's quantiser; the
   * clamp only guards against float rounding at the column's extreme).
   *
   * @throws IllegalArgumentException when a weight is not finite, or the shape does not match
   */
  static Quantized quantizeColumns(float[] w, int rows, int cols) {
    if ((long) rows * cols != w.length) {
      throw new IllegalArgumentException("a " + rows + " x " + cols + " weight needs "
          + (long) rows * cols + " values, got " + w.length);
    }
    float[] scales = new float[cols];
    for (int i = 0; i < w.length; i++) {
      if (!Float.isFinite(w[i])) {
        throw new IllegalArgumentException("weight [" + i / cols + ", " + i % cols + "] is "
            + w[i] + "; only finite weights can be quantised");
      }
      scales[i % cols] = Math.max(scales[i % cols], Math.abs(w[i]));
    }
    for (int c = 0; c < cols; c++) {
      scales[c] = scales[c] == 0 ? 1 : scales[c] / QMAX;
    }
    byte[] values = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      int q = (int) Math.rint(w[i] / scales[i % cols]);
      values[i] = (byte) Math.max(-QMAX, Math.min(QMAX, q));
    }
    return new Quantized(values, scales);
  }

  /** Streams the rewritten model: replaced MatMul nodes and weight initializers, the rest kept. */
  private static void write(ByteBuffer model, Plan plan, CodedOutputStream out)
      throws IOException {
    Edit nodes = node -> {
      OnnxGraph.Node n = OnnxGraph.parseNode(OnnxWire.reader(node));
      List<byte[]> replacement = n.opType().equals("MatMul") && !n.outputs().isEmpty()
          ? plan.nodes.get(n.outputs().get(0)) : null;
      return replacement == null ? null : replacement.stream()
          .map(b -> new Content(b.length, o -> o.writeRawBytes(b))).toList();
    };
    Edit tensors = tensor -> {
      TensorHeader h = OnnxWire.header(tensor);
      WeightNames names = plan.weights.get(h.name());
      return names == null ? null : weightTensors(tensor, h, names);
    };
    OnnxWire.splice(model, Map.of(GRAPH,
        OnnxWire.graphEdit(Map.of(NODE, nodes, INITIALIZER, tensors))), out);
  }

  /**
   * The int8 weight, its scales and its zero points for a float weight. Quantising is cheap next
   * to writing, so it runs in both the size and the write pass rather than keeping the result.
   */
  private static List<Content> weightTensors(ByteBuffer tensor, TensorHeader h,
      WeightNames names) throws IOException {
    int rows = (int) h.dims()[0];
    int cols = (int) h.dims()[1];
    float[] w = OnnxGraph.parseTensor(OnnxWire.reader(tensor)).data();
    if (w.length != (long) rows * cols) {
      throw new IOException("weight " + h.name() + " holds " + w.length + " values, its dims "
          + Arrays.toString(h.dims()) + " say " + (long) rows * cols
          + " (only raw_data or float_data, not external data, can be quantised)");
    }
    Quantized q = quantizeColumns(w, rows, cols);
    long[] perColumn = {cols};
    return List.of(
        OnnxWire.tensor(names.quantized(), h.dims(), INT8, q.values().length,
            o -> o.writeRawBytes(q.values())),
        OnnxWire.tensor(names.scale(), perColumn, FLOAT, (long) cols * Float.BYTES, o -> {
          for (float s : q.scales()) {
            o.writeFixed32NoTag(Float.floatToRawIntBits(s));
          }
        }),
        OnnxWire.tensor(names.zeroPoint(), perColumn, INT8, cols,
            o -> o.writeRawBytes(new byte[cols])));
  }

  /**
   * What the rewrite does to one graph, decided from its layout alone: the nodes that replace
   * each weight MatMul (by its output, unique in SSA form) and the names of each weight's new
   * initializers. Every new name is checked against the graph's names and made unique.
   */
  private static final class Plan {
    final Map<String, List<byte[]>> nodes = new HashMap<>();
    final Map<String, WeightNames> weights = new LinkedHashMap<>();
    /** Outputs of the DynamicQuantizeLinear of each quantised activation. */
    private final Map<String, List<String>> activations = new HashMap<>();
    private final Set<String> names = new HashSet<>();

    Plan(Layout layout) throws IOException {
      names.addAll(layout.initializers().keySet());
      names.addAll(layout.values());
      for (OnnxGraph.Node n : layout.nodes()) {
        names.add(n.name());
        names.addAll(n.inputs());
        names.addAll(n.outputs());
      }
      for (OnnxGraph.Node n : layout.nodes()) {
        TensorHeader w = weight(n, layout);
        if (w != null) {
          replace(n, w);
        }
      }
      if (nodes.isEmpty()) {
        throw new IOException("the ONNX graph has no MatMul whose second input is a float"
            + " initializer: nothing to quantise");
      }
      checkOnlyMatMulsRead(layout);
    }

    /** The weight of a MatMul with an initializer as its second input, else {@code null}. */
    private static TensorHeader weight(OnnxGraph.Node n, Layout layout) throws IOException {
      if (!n.opType().equals("MatMul") || n.inputs().size() != 2) {
        return null;
      }
      TensorHeader w = layout.initializers().get(n.inputs().get(1));
      if (w != null && (w.type() != FLOAT || w.dims().length != 2)) {
        throw new IOException("MatMul " + n.name() + " has weight " + w.name() + " of data type "
            + w.type() + " and dims " + Arrays.toString(w.dims()) + "; only 2-D float (data"
            + " type 1) weights can be quantised");
      }
      return w;
    }

    /** Plans the nodes that compute {@code matMul}'s output from int8 operands. */
    private void replace(OnnxGraph.Node matMul, TensorHeader weight) throws IOException {
      List<byte[]> out = new ArrayList<>();
      String x = matMul.inputs().get(0);
      List<String> xq = activations.get(x);
      if (xq == null) {
        xq = List.of(fresh(x + "_quantized"), fresh(x + "_scale"), fresh(x + "_zero_point"));
        activations.put(x, xq);
        out.add(node(fresh(x + "_QuantizeLinear"), "DynamicQuantizeLinear", List.of(x), xq));
      }
      WeightNames w = weights.get(weight.name());
      if (w == null) {
        String name = weight.name();
        w = new WeightNames(fresh(name + "_quantized"), fresh(name + "_scale"),
            fresh(name + "_zero_point"));
        weights.put(name, w);
      }
      String y = matMul.outputs().get(0);
      String base = matMul.name().isEmpty() ? y : matMul.name();
      String scale = fresh(y + "_scale");
      String product = fresh(y + "_int32");
      String cast = fresh(y + "_float");
      out.add(node(fresh(base + "_scales_mul"), "Mul", List.of(xq.get(1), w.scale()),
          List.of(scale)));
      out.add(node(fresh(base + "_quant"), "MatMulInteger",
          List.of(xq.get(0), w.quantized(), xq.get(2), w.zeroPoint()), List.of(product)));
      out.add(node(fresh(base + "_cast"), "Cast", List.of(product), List.of(cast),
          intAttribute("to", FLOAT)));
      out.add(node(fresh(base + "_output_mul"), "Mul", List.of(cast, scale), List.of(y)));
      nodes.put(y, out);
    }

    /** A quantised weight is dropped, so nothing but the MatMuls it replaces may read it. */
    private void checkOnlyMatMulsRead(Layout layout) throws IOException {
      for (OnnxGraph.Node n : layout.nodes()) {
        boolean replaced = n.opType().equals("MatMul") && !n.outputs().isEmpty()
            && nodes.containsKey(n.outputs().get(0));
        for (int i = 0; i < n.inputs().size(); i++) {
          if (weights.containsKey(n.inputs().get(i)) && !(replaced && i == 1)) {
            throw new IOException("weight " + n.inputs().get(i) + " of a MatMul is also input "
                + i + " of " + n.opType() + " node " + n.name() + "; it cannot be quantised");
          }
        }
      }
      for (String w : weights.keySet()) {
        if (layout.values().contains(w)) {
          throw new IOException("weight " + w + " of a MatMul is also a graph input, output or"
              + " value_info; it cannot be quantised");
        }
      }
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, ... if the graph has that name. */
    private String fresh(String base) {
      String name = base;
      for (int i = 1; !names.add(name); i++) {
        name = base + "_" + i;
      }
      return name;
    }
  }

  /** A serialised NodeProto of the default domain, with serialised AttributeProtos. */
  private static byte[] node(String name, String op, List<String> inputs, List<String> outputs,
      byte[]... attributes) throws IOException {
    return serialise(out -> {
      for (String i : inputs) {
        out.writeString(INPUT, i);
      }
      for (String o : outputs) {
        out.writeString(OUTPUT, o);
      }
      out.writeString(NAME, name);
      out.writeString(OP_TYPE, op);
      for (byte[] a : attributes) {
        out.writeByteArray(ATTRIBUTE, a);
      }
    });
  }

  /** A serialised AttributeProto of type INT. */
  private static byte[] intAttribute(String name, long value) throws IOException {
    return serialise(out -> {
      out.writeString(ATTRIBUTE_NAME, name);
      out.writeInt64(ATTRIBUTE_INT, value);
      out.writeInt32(ATTRIBUTE_TYPE, TYPE_INT);
    });
  }

  /** The bytes that {@code fields} write: a message, for tests and for the new nodes here. */
  static byte[] serialise(OnnxWire.Writer fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.write(out);
    out.flush();
    return bytes.toByteArray();
  }
}
