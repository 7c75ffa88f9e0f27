package io.odqa.reader.convert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.odqa.reader.model.BertConfig;
import io.odqa.reader.model.BertQaBlock;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.model.Weights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Turns an ONNX export of a BERT encoder into a Hugging Face model directory ({@code
 * config.json}, {@code tokenizer.json}, {@code model.safetensors}) with a freshly initialised
 * span head, ready for fine-tuning.
 *
 * <p>The export names the embedding, LayerNorm and bias tensors after the PyTorch module, but the
 * Linear weights are anonymous {@code onnx::MatMul_*} initializers stored {@code [in, out]}. Each
 * one feeds a MatMul whose output is consumed by an Add holding the named bias ({@code
 * ...query.bias}); the weight takes that name with {@code .weight} and is transposed to PyTorch's
 * {@code [out, in]}.
 */
public final class OnnxBertConverter {
  /** Seed of the span head's initialisation, so that conversion is reproducible. */
  public static final long HEAD_SEED = 0L;

  private OnnxBertConverter() {}

  /** Converts {@code base} into {@code out}; returns the number of tensors written. */
  public static int convert(BaseEncoder base, Path out) throws IOException {
    byte[] onnx;
    try (InputStream in = base.openOnnx()) {
      onnx = in.readAllBytes();
    }
    Files.createDirectories(out);
    try (InputStream in = base.openTokenizer()) {
      Files.copy(in, out.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    return convert(OnnxGraph.parse(onnx), base.heads(), out);
  }

  /**
   * The model directory {@code out} for {@code base}, converted first unless it already holds
   * weights (setup steps and tests call this; conversion of bge-small takes seconds).
   */
  public static synchronized Path convertIfAbsent(BaseEncoder base, Path out)
      throws IOException {
    if (Files.isRegularFile(out.resolve("model.safetensors"))) {
      return out;
    }
    // Two services may convert into one shared directory at once: each converts into its own
    // sibling and moves it into place atomically, and the loser discards its copy.
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path work = Files.createTempDirectory(parent, out.getFileName() + ".converting-");
    try {
      convert(base, work);
      if (Files.isDirectory(out) && isEmpty(out)) {
        Files.delete(out);
      }
      Files.move(work, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Another process moved its copy in first (rename onto a non-empty directory fails).
      if (!Files.isRegularFile(out.resolve("model.safetensors"))) {
        throw e;
      }
    } finally {
      deleteTree(work);
    }
    return out;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Converts a parsed graph with {@code heads} attention heads into {@code out}. */
  public static int convert(OnnxGraph graph, int heads, Path out) throws IOException {
    Map<String, OnnxGraph.Tensor> named = namedTensors(graph);
    BertConfig config = inferConfig(named, heads);
    try (NDManager manager = ai.djl.engine.Engine.getEngine(ReaderModel.ENGINE)
        .newBaseManager(ai.djl.Device.cpu())) {
      Map<String, NDArray> arrays = new LinkedHashMap<>();
      named.forEach((name, t) -> arrays.put(name, manager.create(t.data(), new Shape(t.dims()))));
      Random random = new Random(HEAD_SEED);
      float[] head = new float[2 * config.hiddenSize()];
      for (int i = 0; i < head.length; i++) {
        head[i] = (float) (random.nextGaussian() * 0.02);
      }
      arrays.put(BertQaBlock.QA_WEIGHT, manager.create(head, new Shape(2, config.hiddenSize())));
      arrays.put(BertQaBlock.QA_BIAS, manager.zeros(new Shape(2)));
      BertQaBlock block = new BertQaBlock(config);
      Weights.assign(block, arrays);
      Weights.write(block, out.resolve("model.safetensors"), false);
      config.write(out.resolve("config.json"));
      return arrays.size();
    }
  }

  /** Every parameter under its Hugging Face name, with MatMul weights transposed. */
  static Map<String, OnnxGraph.Tensor> namedTensors(OnnxGraph graph) throws IOException {
    Map<String, OnnxGraph.Tensor> init = graph.initializers();
    Map<String, OnnxGraph.Node> consumerOf = new HashMap<>();
    for (OnnxGraph.Node n : graph.nodes()) {
      if (n.opType().equals("Add")) {
        n.inputs().forEach(i -> consumerOf.put(i, n));
      }
    }
    Map<String, OnnxGraph.Tensor> named = new LinkedHashMap<>();
    for (OnnxGraph.Tensor t : init.values()) {
      if (!t.name().startsWith("onnx::") && !t.name().startsWith("/")) {
        named.put(t.name(), t);
      }
    }
    for (OnnxGraph.Node n : graph.nodes()) {
      if (!n.opType().equals("MatMul") || n.inputs().size() != 2 || !init.containsKey(n.inputs().get(1))) {
        continue;
      }
      OnnxGraph.Tensor w = init.get(n.inputs().get(1));
      OnnxGraph.Node add = consumerOf.get(n.outputs().get(0));
      String bias = add == null ? null : add.inputs().stream()
          .filter(i -> i.endsWith(".bias") && init.containsKey(i)).findFirst().orElse(null);
      if (bias == null) {
        throw new IOException("MatMul " + n.name() + " (weight " + w.name()
            + ") is not followed by an Add with a named bias");
      }
      String name = bias.substring(0, bias.length() - "bias".length()) + "weight";
      named.put(name, transpose(name, w));
    }
    return named;
  }

  private static OnnxGraph.Tensor transpose(String name, OnnxGraph.Tensor t) {
    int rows = (int) t.dims()[0];
    int cols = (int) t.dims()[1];
    float[] out = new float[t.data().length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = t.data()[r * cols + c];
      }
    }
    return new OnnxGraph.Tensor(name, new long[] {cols, rows}, out);
  }

  private static BertConfig inferConfig(Map<String, OnnxGraph.Tensor> named, int heads)
      throws IOException {
    long[] words = dims(named, "embeddings.word_embeddings.weight");
    long[] positions = dims(named, "embeddings.position_embeddings.weight");
    long[] types = dims(named, "embeddings.token_type_embeddings.weight");
    long[] inter = dims(named, "encoder.layer.0.intermediate.dense.weight");
    int layers = 0;
    while (named.containsKey("encoder.layer." + layers + ".output.dense.weight")) {
      layers++;
    }
    return new BertConfig((int) words[0], (int) words[1], layers, heads, (int) inter[0],
        (int) positions[0], (int) types[0], 1e-12f, 0.1f, 0.1f);
  }

  private static long[] dims(Map<String, OnnxGraph.Tensor> named, String name) throws IOException {
    OnnxGraph.Tensor t = named.get(name);
    if (t == null) {
      throw new IOException("the ONNX graph has no " + name + "; is it a BERT encoder?");
    }
    return t.dims();
  }

  /** {@code OnnxBertConverter minilm|bge-small OUT_DIR}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: OnnxBertConverter minilm|bge-small OUT_DIR");
      System.exit(2);
    }
    try {
      BaseEncoder base = BaseEncoder.of(args[0]);
      int n = convert(base, Path.of(args[1]));
      System.out.println("converted " + base.id() + ": " + n + " tensors -> " + args[1]);
    } catch (IllegalArgumentException e) {
      System.err.println("OnnxBertConverter: " + e.getMessage());
      System.exit(2);
    } catch (IOException e) {
      System.err.println("OnnxBertConverter: " + e.getMessage());
      System.exit(1);
    }
  }
}
