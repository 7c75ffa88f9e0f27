package io.odqa.reader.convert;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} that weight conversion needs: the graph's float
 * initializers and its nodes. It reads the protobuf wire format directly (field numbers from
 * {@code onnx.proto3}: ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto
 * input = 1, output = 2, name = 3, op_type = 4; TensorProto dims = 1, data_type = 2,
 * float_data = 4, name = 8, raw_data = 9), so no generated ONNX classes are needed.
 *
 * @param initializers float tensors by name, in file order
 * @param nodes the graph's nodes, in topological order
 */
public record OnnxGraph(Map<String, Tensor> initializers, List<Node> nodes) {
  private static final int FLOAT = 1;

  /** A float tensor, row-major. */
  public record Tensor(String name, long[] dims, float[] data) {}

  /** One operator application. */
  public record Node(String name, String opType, List<String> inputs, List<String> outputs) {}

  /** Parses a serialised ONNX model. */
  public static OnnxGraph parse(byte[] model) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(model);
    in.setSizeLimit(Integer.MAX_VALUE);
    OnnxGraph graph = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) == 7) {
        graph = parseGraph(CodedInputStream.newInstance(in.readByteBuffer()));
      } else {
        in.skipField(tag);
      }
    }
    if (graph == null) {
      throw new IOException("not an ONNX model: no graph (field 7) in ModelProto");
    }
    return graph;
  }

  private static OnnxGraph parseGraph(CodedInputStream in) throws IOException {
    in.setSizeLimit(Integer.MAX_VALUE);
    Map<String, Tensor> initializers = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> nodes.add(parseNode(CodedInputStream.newInstance(in.readByteBuffer())));
        case 5 -> {
          Tensor t = parseTensor(CodedInputStream.newInstance(in.readByteBuffer()));
          if (t != null) {
            initializers.put(t.name(), t);
          }
        }
        default -> in.skipField(tag);
      }
    }
    return new OnnxGraph(initializers, nodes);
  }

  /** Parses a serialised NodeProto. */
  static Node parseNode(CodedInputStream in) throws IOException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String op = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> inputs.add(in.readString());
        case 2 -> outputs.add(in.readString());
        case 3 -> name = in.readString();
        case 4 -> op = in.readString();
        default -> in.skipField(tag);
      }
    }
    return new Node(name, op, List.copyOf(inputs), List.copyOf(outputs));
  }

  /**
   * Parses a serialised TensorProto; returns {@code null} when it is not float (int64 shape
   * constants etc.).
   */
  static Tensor parseTensor(CodedInputStream in) throws IOException {
    in.setSizeLimit(Integer.MAX_VALUE);
    List<Long> dims = new ArrayList<>();
    int type = 0;
    String name = "";
    ByteBuffer raw = null;
    List<Float> floats = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      int wire = WireFormat.getTagWireType(tag);
      switch (field) {
        case 1 -> OnnxWire.readInt64s(in, tag, dims);
        case 2 -> type = in.readInt32();
        case 4 -> {
          if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
              floats.add(in.readFloat());
            }
            in.popLimit(limit);
          } else {
            floats.add(in.readFloat());
          }
        }
        case 8 -> name = in.readString();
        case 9 -> raw = in.readByteBuffer();
        default -> in.skipField(tag);
      }
    }
    if (type != FLOAT) {
      return null;
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    float[] data;
    if (raw != null) {
      data = new float[raw.remaining() / Float.BYTES];
      raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
    } else {
      data = new float[floats.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = floats.get(i);
      }
    }
    return new Tensor(name, shape, data);
  }
}
