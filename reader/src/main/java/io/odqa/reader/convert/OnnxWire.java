package io.odqa.reader.convert;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streaming edits of serialised ONNX protobufs on the wire format, shared by {@link
 * OnnxWeightSwap} and {@link OnnxDynamicQuantizer}: a message is copied byte for byte except the
 * length-delimited fields an {@link Edit} replaces, and every size is computed before anything is
 * written (protobuf frames each field with its length), so a tensor's data is produced only while
 * it is written. Field numbers are those of {@code onnx.proto3}.
 */
final class OnnxWire {
  /** ModelProto.graph. */
  static final int GRAPH = 7;
  /** GraphProto.node. */
  static final int NODE = 1;
  /** GraphProto.initializer. */
  static final int INITIALIZER = 5;
  /** TensorProto.dims. */
  static final int DIMS = 1;
  /** TensorProto.data_type. */
  static final int DATA_TYPE = 2;
  /** TensorProto.name. */
  static final int NAME = 8;
  /** TensorProto.raw_data. */
  static final int RAW_DATA = 9;
  /** TensorProto.DataType FLOAT. */
  static final int FLOAT = 1;

  private OnnxWire() {}

  /** Writes a field's new content. */
  interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  /** New content of a length-delimited field: its size in bytes, and how to write it. */
  record Content(int size, Writer writer) {}

  /**
   * New contents for a length-delimited field, each written as one field of the same number in
   * its place (none removes it); {@code null} keeps the field as it is.
   */
  interface Edit {
    List<Content> apply(ByteBuffer value) throws IOException;
  }

  /**
   * The size of {@code message} with each length-delimited field that one of {@code edits} (by
   * field number) changes re-framed around its new contents; with {@code out}, also writes it
   * there, the unchanged runs copied straight from {@code message}.
   */
  static long splice(ByteBuffer message, Map<Integer, Edit> edits, CodedOutputStream out)
      throws IOException {
    CodedInputStream in = reader(message);
    long size = 0;
    int kept = 0;
    while (true) {
      int at = in.getTotalBytesRead();
      int tag = in.readTag();
      if (tag == 0) {
        break;
      }
      int field = WireFormat.getTagFieldNumber(tag);
      Edit edit = edits.get(field);
      if (edit == null || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        in.skipField(tag);
        continue;
      }
      List<Content> contents = edit.apply(in.readByteBuffer());
      if (contents == null) {
        continue;
      }
      size += copy(message, kept, at, out);
      for (Content content : contents) {
        if (out != null) {
          out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeUInt32NoTag(content.size());
          content.writer().write(out);
        }
        size += CodedOutputStream.computeTagSize(field)
            + CodedOutputStream.computeUInt32SizeNoTag(content.size()) + content.size();
      }
      kept = in.getTotalBytesRead();
    }
    return size + copy(message, kept, in.getTotalBytesRead(), out);
  }

  private static int copy(ByteBuffer message, int from, int to, CodedOutputStream out)
      throws IOException {
    if (out != null && to > from) {
      out.writeRawBytes(message.duplicate().position(from).limit(to).slice());
    }
    return to - from;
  }

  /** An edit of a ModelProto's graph field that applies {@code edits} to the graph's fields. */
  static Edit graphEdit(Map<Integer, Edit> edits) {
    return graph -> {
      long size = splice(graph, edits, null);
      return List.of(new Content(checkedSize(size), o -> splice(graph, edits, o)));
    };
  }

  /**
   * A TensorProto's content: packed dims, data type, name, then {@code rawSize} bytes of
   * little-endian raw data, which {@code raw} writes only when the tensor is written.
   */
  static Content tensor(String name, long[] dims, int type, long rawSize, Writer raw) {
    if (rawSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor " + name + " is over 2 GB");
    }
    int dimsSize = 0;
    for (long d : dims) {
      dimsSize += CodedOutputStream.computeInt64SizeNoTag(d);
    }
    long size = CodedOutputStream.computeTagSize(DIMS)
        + CodedOutputStream.computeUInt32SizeNoTag(dimsSize) + dimsSize
        + CodedOutputStream.computeInt32Size(DATA_TYPE, type)
        + CodedOutputStream.computeStringSize(NAME, name)
        + CodedOutputStream.computeTagSize(RAW_DATA)
        + CodedOutputStream.computeUInt32SizeNoTag((int) rawSize) + rawSize;
    int finalDimsSize = dimsSize;
    return new Content(checkedSize(size), out -> {
      out.writeTag(DIMS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(finalDimsSize);
      for (long d : dims) {
        out.writeInt64NoTag(d);
      }
      out.writeInt32(DATA_TYPE, type);
      out.writeString(NAME, name);
      out.writeTag(RAW_DATA, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag((int) rawSize);
      raw.write(out);
    });
  }

  static int checkedSize(long size) {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the rewritten model would be " + size
          + " bytes, over the 2 GB of a serialised protobuf");
    }
    return (int) size;
  }

  /** A TensorProto's name, element type (TensorProto.DataType) and dims. */
  record TensorHeader(String name, int type, long[] dims) {}

  static TensorHeader header(ByteBuffer tensor) throws IOException {
    CodedInputStream in = reader(tensor);
    String name = "";
    int type = 0;
    List<Long> dims = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case DIMS -> readInt64s(in, tag, dims);
        case DATA_TYPE -> type = in.readInt32();
        case NAME -> name = in.readString();
        default -> in.skipField(tag);
      }
    }
    return new TensorHeader(name, type, dims.stream().mapToLong(Long::longValue).toArray());
  }

  /** Adds the values of one repeated int64 field, packed or not, to {@code into}. */
  static void readInt64s(CodedInputStream in, int tag, List<Long> into) throws IOException {
    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
      int limit = in.pushLimit(in.readRawVarint32());
      while (in.getBytesUntilLimit() > 0) {
        into.add(in.readInt64());
      }
      in.popLimit(limit);
    } else {
      into.add(in.readInt64());
    }
  }

  /** A reader over {@code message} whose length-delimited fields are views, not copies. */
  static CodedInputStream reader(ByteBuffer message) {
    CodedInputStream in = CodedInputStream.newInstance(message);
    in.enableAliasing(true);
    in.setSizeLimit(Integer.MAX_VALUE);
    return in;
  }
}
