package io.odqa.reader.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes safetensors weight files with Hugging Face parameter names.
 *
 * <p>Reading accepts what Hugging Face checkpoints contain: an optional {@code bert.} prefix,
 * the legacy LayerNorm names {@code gamma}/{@code beta}, fp16/bf16/fp32 tensors, and tensors we
 * do not use ({@code pooler.*}, {@code cls.*}, {@code embeddings.position_ids}). It also reads
 * the platform's compact form: a 2-D tensor stored as int8 {@code NAME} plus float32 {@code
 * NAME.row_scale}, one scale per row (symmetric per-row quantisation), dequantised at load.
 */
public final class Weights {
  /** Suffix of the per-row scale of an int8 tensor. */
  public static final String ROW_SCALE = ".row_scale";

  private Weights() {}

  /** Reads every {@code *.safetensors} file in {@code dir}, normalising names, as float32. */
  public static Map<String, NDArray> read(Path dir, NDManager manager) throws IOException {
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException(dir + ": no *.safetensors weights");
    }
    Map<String, NDArray> raw = new TreeMap<>();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        for (NDArray a : NDList.decode(manager, in)) {
          raw.put(a.getName(), a);
        }
      }
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : raw.entrySet()) {
      String name = e.getKey();
      if (name.endsWith(ROW_SCALE)) {
        continue;
      }
      NDArray a = e.getValue();
      if (a.getDataType() == DataType.INT8) {
        NDArray scale = raw.get(name + ROW_SCALE);
        if (scale == null) {
          throw new IOException("int8 tensor " + name + " has no " + name + ROW_SCALE);
        }
        a = a.toType(DataType.FLOAT32, false).mul(scale.toType(DataType.FLOAT32, false)
            .expandDims(1));
      } else if (a.getDataType() != DataType.FLOAT32) {
        a = a.toType(DataType.FLOAT32, false);
      }
      String normal = normalise(name);
      if (normal != null) {
        out.put(normal, a);
      }
    }
    return out;
  }

  /** Maps a checkpoint name to ours, or {@code null} for tensors the QA model does not use. */
  static String normalise(String name) {
    String n = name.startsWith("bert.") ? name.substring(5) : name;
    if (n.startsWith("pooler.") || n.startsWith("cls.") || n.endsWith("position_ids")) {
      return null;
    }
    if (n.endsWith("LayerNorm.gamma")) {
      n = n.substring(0, n.length() - "gamma".length()) + "weight";
    } else if (n.endsWith("LayerNorm.beta")) {
      n = n.substring(0, n.length() - "beta".length()) + "bias";
    }
    return n;
  }

  /**
   * Sets every parameter of {@code block} from {@code weights}; a missing or mis-shaped tensor
   * is an error that names it.
   */
  public static void assign(BertQaBlock block, Map<String, NDArray> weights) throws IOException {
    for (Map.Entry<String, Parameter> e : block.parametersByName().entrySet()) {
      NDArray a = weights.get(e.getKey());
      if (a == null) {
        throw new IOException("checkpoint has no tensor " + e.getKey()
            + (e.getKey().startsWith("qa_outputs") ? " (not an extractive-QA checkpoint)" : ""));
      }
      Shape expected = block.expectedShapes().get(e.getKey());
      if (!a.getShape().equals(expected)) {
        throw new IOException("tensor " + e.getKey() + " has shape " + a.getShape()
            + ", config.json implies " + expected);
      }
      e.getValue().setArray(a);
    }
  }

  /**
   * Writes {@code block}'s parameters to {@code file}; with {@code int8}, 2-D tensors are stored
   * as per-row symmetric int8 plus a float32 scale per row (4x smaller, dequantised at load).
   */
  public static void write(BertQaBlock block, Path file, boolean int8) throws IOException {
    List<NDArray> arrays = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : block.parametersByName().entrySet()) {
      NDArray a = e.getValue().getArray().toDevice(ai.djl.Device.cpu(), false);
      if (int8 && a.getShape().dimension() == 2) {
        NDArray scale = a.abs().max(new int[] {1}).div(127f).maximum(1e-12f);
        NDArray q = a.div(scale.expandDims(1)).round().clip(-127, 127).toType(DataType.INT8, false);
        q.setName(e.getKey());
        scale.setName(e.getKey() + ROW_SCALE);
        arrays.add(q);
        arrays.add(scale);
      } else {
        NDArray copy = a.duplicate();
        copy.setName(e.getKey());
        arrays.add(copy);
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      new NDList(arrays).encode(out, NDList.Encoding.SAFETENSORS);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
