package io.odqa.reader.convert;

import static io.odqa.reader.convert.OnnxWire.FLOAT;
import static io.odqa.reader.convert.OnnxWire.GRAPH;
import static io.odqa.reader.convert.OnnxWire.INITIALIZER;
import static io.odqa.reader.convert.OnnxWire.NODE;
import static io.odqa.reader.convert.OnnxWire.graphEdit;
import static io.odqa.reader.convert.OnnxWire.header;
import static io.odqa.reader.convert.OnnxWire.reader;
import static io.odqa.reader.convert.OnnxWire.splice;
import static io.odqa.reader.convert.OnnxWire.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.odqa.reader.convert.OnnxWire.Content;
import io.odqa.reader.convert.OnnxWire.Edit;
import io.odqa.reader.convert.OnnxWire.TensorHeader;
import io.odqa.reader.model.BertQaBlock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts a reader's encoder weights into the ONNX graph of its base encoder, so that ONNX Runtime
 * runs exactly the encoder that our DJL block runs. Every float initializer of the graph is
 * replaced; one that no reader parameter fills, or a reader parameter that fills none, is an
 * error, so the result can never silently keep a base weight.
 *
 * <p>Names follow {@link OnnxBertConverter}: embedding, LayerNorm and bias initializers carry the
 * Hugging Face name; a Linear weight is an anonymous {@code onnx::MatMul_*} initializer stored
 * {@code [in, out]}, named by the bias of the Add that consumes its MatMul, so the reader's
 * {@code [out, in]} tensor goes in transposed. The model is rewritten on the protobuf wire format
 * (field numbers from {@code onnx.proto3}: ModelProto.graph = 7; GraphProto.node = 1,
 * initializer = 5; TensorProto dims = 1, data_type = 2, name = 8, raw_data = 9); every other
 * field is copied byte for byte.
 *
 * <p>The rewrite streams: the base graph is read in place (its weights are never copied), every
 * check runs on shapes alone, and each new tensor is taken from the block only while it is
 * written. A service with a 512 MB heap thus needs the base model's bytes plus one tensor, not
 * the several copies of the model that building it in memory would hold at once. {@link
 * OnnxDynamicQuantizer} rewrites models with the same package-private helpers ({@link #splice},
 * {@link #tensor}).
 */
public final class OnnxWeightSwap {
  /** GraphProto fields of ValueInfoProtos, whose name is field 1. */
  private static final Set<Integer> VALUE_INFOS = Set.of(11, 12, 13);
  /** The span head: not part of the encoder graph, applied by the caller. */
  private static final Set<String> HEAD = Set.of(BertQaBlock.QA_WEIGHT, BertQaBlock.QA_BIAS);

  /**
   * Where a float initializer's values come from.
   *
   * @param parameter the reader parameter's Hugging Face name
   * @param transposed whether the initializer holds the parameter transposed ({@code [in, out]})
   */
  record Source(String parameter, boolean transposed) {}

  /**
   * What a rewrite needs of a model, read without copying its weights.
   *
   * @param initializers the header of each initializer, by name, in file order
   * @param nodes the graph's nodes, in topological order
   * @param values names of the graph's inputs, outputs and value_info entries
   */
  record Layout(Map<String, TensorHeader> initializers, List<OnnxGraph.Node> nodes,
      Set<String> values) {
    /** Dims of each float initializer, by name, in file order. */
    Map<String, long[]> floats() {
      Map<String, long[]> floats = new LinkedHashMap<>();
      initializers.values().stream().filter(h -> h.type() == FLOAT)
          .forEach(h -> floats.put(h.name(), h.dims()));
      return floats;
    }
  }

  /** New values of the float initializers: their dims, and their data when it is written. */
  interface Values {
    long[] dims(String initializer);

    float[] data(String initializer);
  }

  private OnnxWeightSwap() {}

  /**
   * Writes the serialised {@code onnx} model to {@code out} with every float initializer taken
   * from {@code block}; nothing is written unless every initializer has its parameter.
   */
  public static void write(byte[] onnx, BertQaBlock block, OutputStream out) throws IOException {
    Map<String, Parameter> params = block.parametersByName();
    Map<String, Source> plan = plan(layout(onnx), params);
    Values values = new Values() {
      @Override
      public long[] dims(String initializer) {
        Source s = plan.get(initializer);
        return shape(params.get(s.parameter()).getArray(), s.transposed());
      }

      @Override
      public float[] data(String initializer) {
        return values(plan.get(initializer), params);
      }
    };
    CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
    rewrite(onnx, plan.keySet(), values, coded);
    coded.flush();
  }

  /** The layout of a serialised model, its tensor data left unread. */
  static Layout layout(byte[] onnx) throws IOException {
    return layout(ByteBuffer.wrap(onnx));
  }

  /**
   * The layout of a serialised model, read in place: a mapped file stays off the heap, as
   * length-delimited fields are read as views.
   */
  static Layout layout(ByteBuffer onnx) throws IOException {
    Map<String, TensorHeader> initializers = new LinkedHashMap<>();
    List<OnnxGraph.Node> nodes = new ArrayList<>();
    Set<String> values = new HashSet<>();
    boolean graph = false;
    CodedInputStream model = reader(onnx);
    for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) != GRAPH) {
        model.skipField(tag);
        continue;
      }
      graph = true;
      CodedInputStream in = reader(model.readByteBuffer());
      for (int t = in.readTag(); t != 0; t = in.readTag()) {
        int field = WireFormat.getTagFieldNumber(t);
        if (field == NODE) {
          nodes.add(OnnxGraph.parseNode(reader(in.readByteBuffer())));
        } else if (field == INITIALIZER) {
          TensorHeader h = header(in.readByteBuffer());
          initializers.put(h.name(), h);
        } else if (VALUE_INFOS.contains(field)) {
          values.add(valueName(in.readByteBuffer()));
        } else {
          in.skipField(t);
        }
      }
    }
    if (!graph) {
      throw new IOException("not an ONNX model: no graph (field 7) in ModelProto");
    }
    return new Layout(initializers, nodes, values);
  }

  /** The name (field 1) of a ValueInfoProto. */
  private static String valueName(ByteBuffer valueInfo) throws IOException {
    CodedInputStream in = reader(valueInfo);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        return in.readString();
      }
      in.skipField(tag);
    }
    return "";
  }

  /** The reader parameter behind each float initializer of {@code layout}, by initializer name. */
  static Map<String, Source> sources(Layout layout) throws IOException {
    Map<String, long[]> init = layout.floats();
    Map<String, OnnxGraph.Node> addOf = new HashMap<>();
    for (OnnxGraph.Node n : layout.nodes()) {
      if (n.opType().equals("Add")) {
        n.inputs().forEach(i -> addOf.put(i, n));
      }
    }
    Map<String, Source> out = new LinkedHashMap<>();
    for (OnnxGraph.Node n : layout.nodes()) {
      if (!n.opType().equals("MatMul") || n.inputs().size() != 2
          || !init.containsKey(n.inputs().get(1))) {
        continue;
      }
      OnnxGraph.Node add = addOf.get(n.outputs().get(0));
      String bias = add == null ? null : add.inputs().stream()
          .filter(i -> i.endsWith(".bias") && init.containsKey(i)).findFirst().orElse(null);
      if (bias == null) {
        throw new IOException("MatMul " + n.name() + " (weight " + n.inputs().get(1)
            + ") is not followed by an Add with a named bias");
      }
      String weight = bias.substring(0, bias.length() - "bias".length()) + "weight";
      out.put(n.inputs().get(1), new Source(weight, true));
    }
    for (String name : init.keySet()) {
      if (out.containsKey(name)) {
        continue;
      }
      if (name.startsWith("onnx::") || name.startsWith("/")) {
        throw new IOException("float initializer " + name + " has no Hugging Face name and feeds"
            + " no MatMul followed by a named bias: the graph is not a plain BERT export");
      }
      out.put(name, new Source(name, false));
    }
    return out;
  }

  /**
   * The source of each float initializer of {@code layout}, checked against {@code params} on
   * shapes alone: each parameter exists and, transposed where the source says so, has the
   * initializer's dims, and every parameter but the span head is used.
   */
  static Map<String, Source> plan(Layout layout, Map<String, Parameter> params)
      throws IOException {
    Map<String, Source> sources = sources(layout);
    Map<String, long[]> floats = layout.floats();
    Set<String> used = new HashSet<>(HEAD);
    for (Map.Entry<String, Source> e : sources.entrySet()) {
      Source s = e.getValue();
      Parameter p = params.get(s.parameter());
      if (p == null || p.getArray() == null) {
        throw new IOException("the reader has no parameter " + s.parameter() + " for ONNX"
            + " initializer " + e.getKey());
      }
      long[] dims = shape(p.getArray(), s.transposed());
      long[] expected = floats.get(e.getKey());
      if (!Arrays.equals(dims, expected)) {
        throw new IOException("reader parameter " + s.parameter() + " gives ONNX initializer "
            + e.getKey() + " dims " + Arrays.toString(dims) + ", the graph has "
            + Arrays.toString(expected));
      }
      used.add(s.parameter());
    }
    Set<String> unused = new TreeSet<>(params.keySet());
    unused.removeAll(used);
    if (!unused.isEmpty()) {
      throw new IOException("the ONNX graph has no place for reader parameters " + unused
          + "; is it the reader's base encoder?");
    }
    return sources;
  }

  /** The values of one initializer: its parameter's, transposed when {@code s} says so. */
  static float[] values(Source s, Map<String, Parameter> params) {
    NDArray a = params.get(s.parameter()).getArray();
    float[] data = a.toFloatArray();
    if (!s.transposed()) {
      return data;
    }
    long[] dims = a.getShape().getShape();
    return transpose(data, (int) dims[0], (int) dims[1]);
  }

  /** The dims of {@code a}, or of its transpose. */
  private static long[] shape(NDArray a, boolean transposed) {
    long[] dims = a.getShape().getShape();
    return transposed && dims.length == 2 ? new long[] {dims[1], dims[0]} : dims;
  }

  /**
   * The serialised {@code model} with the float initializers named in {@code replacements}
   * replaced (as {@code raw_data}); every name must occur in the graph. For tests and small
   * models: the result is built in memory.
   */
  static byte[] rewrite(byte[] model, Map<String, OnnxGraph.Tensor> replacements)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    rewrite(model, replacements.keySet(), new Values() {
      @Override
      public long[] dims(String initializer) {
        return replacements.get(initializer).dims();
      }

      @Override
      public float[] data(String initializer) {
        return replacements.get(initializer).data();
      }
    }, out);
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * Writes {@code model} to {@code out} with the float initializers named in {@code names}
   * replaced by {@code values}. The sizes of the graph and its tensors are computed from dims
   * first (protobuf frames each field with its length), then each tensor is written as it is
   * fetched.
   */
  private static void rewrite(byte[] model, Set<String> names, Values values,
      CodedOutputStream out) throws IOException {
    Set<String> seen = new HashSet<>();
    Edit tensors = tensor -> {
      TensorHeader h = header(tensor);
      if (h.type() != FLOAT || !names.contains(h.name())) {
        return null;
      }
      seen.add(h.name());
      return List.of(floatTensor(h.name(), values));
    };
    Map<Integer, Edit> edits = Map.of(GRAPH, graphEdit(Map.of(INITIALIZER, tensors)));
    splice(ByteBuffer.wrap(model), edits, null);
    Set<String> missing = new TreeSet<>(names);
    missing.removeAll(seen);
    if (!missing.isEmpty()) {
      throw new IOException("the ONNX model has no float initializers " + missing);
    }
    splice(ByteBuffer.wrap(model), edits, out);
  }

  /** A float TensorProto, serialised: packed dims, data type, name, little-endian raw data. */
  static byte[] tensorProto(OnnxGraph.Tensor t) throws IOException {
    Content c = floatTensor(t.name(), new Values() {
      @Override
      public long[] dims(String initializer) {
        return t.dims();
      }

      @Override
      public float[] data(String initializer) {
        return t.data();
      }
    });
    byte[] bytes = new byte[c.size()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    c.writer().write(out);
    out.checkNoSpaceLeft();
    return bytes;
  }

  /** A float tensor's content, sized from its dims; its data is fetched only when written. */
  private static Content floatTensor(String name, Values values) {
    long[] dims = values.dims(name);
    long elements = Arrays.stream(dims).reduce(1, Math::multiplyExact);
    return tensor(name, dims, FLOAT, elements * Float.BYTES, out -> {
      float[] data = values.data(name);
      if (data.length != elements) {
        throw new IOException("tensor " + name + " has " + data.length + " values, its dims "
            + Arrays.toString(dims) + " say " + elements);
      }
      for (float f : data) {
        out.writeFixed32NoTag(Float.floatToRawIntBits(f));
      }
    });
  }

  private static float[] transpose(float[] data, int rows, int cols) {
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[r * cols + c];
      }
    }
    return out;
  }
}
