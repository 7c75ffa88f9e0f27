package io.odqa.reader.model;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.convert.OnnxDynamicQuantizer;
import io.odqa.reader.convert.OnnxWeightSwap;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A reader's weights run by ONNX Runtime on the CPU: how {@link ReaderModel} serves with {@link
 * ServingEngine#ONNXRUNTIME} and {@link ServingEngine#ONNXRUNTIME_INT8}, and the peer of the DJL
 * block in {@code ./odqa bench reader}. The encoder is the base encoder's ONNX graph with the
 * reader's (dequantised, float32) weights swapped in ({@link OnnxWeightSwap}), and with its
 * weight MatMuls quantised to int8 ({@link OnnxDynamicQuantizer}) when the options ask for {@link
 * Precision#INT8}; the span head, a {@code hidden -> 2} linear layer, is applied here in float
 * to {@code last_hidden_state}. {@link #logits} has the contract of {@link
 * io.odqa.reader.read.SpanReader.Forward}. Once built it holds no reference to the block, so the
 * block's weights can be freed. A session runs concurrent calls safely.
 */
public final class OrtSpanModel implements AutoCloseable {
  /** Name of the encoder output that the span head reads. */
  static final String HIDDEN = "last_hidden_state";
  /** DJL's name for its ONNX Runtime engine. */
  private static final String DJL_ORT_ENGINE = "OnnxRuntime";

  /** Where ONNX Runtime puts the activations of a pass. */
  public enum Memory {
    /**
     * ONNX Runtime's defaults: a CPU arena that keeps freed blocks for reuse, and buffers planned
     * per input shape (memory patterns). The arena grows to the largest pass seen and never
     * gives memory back.
     */
    ARENA,
    /**
     * The arena without memory patterns, shrunk at the end of every pass ({@code
     * memory.enable_memory_arena_shrinkage}): the layers of one pass reuse each other's blocks,
     * and the blocks go back to the system when it ends.
     */
    ARENA_PER_PASS,
    /** No arena and no memory patterns: every tensor is allocated and freed on its own. */
    NONE
  }

  /** The arithmetic of the encoder's weight MatMuls. */
  public enum Precision {
    /** Float32, the weights as they are: within 1e-3 of the DJL block's logits. */
    FP32,
    /**
     * Dynamic int8 quantisation ({@link OnnxDynamicQuantizer}): int8 weights per output column,
     * activations quantised per pass with one range per tensor. About twice FP32's speed on a
     * CPU with AVX512-VNNI. On the shipped reader it moved logits by up to 2.5 and kept FP32's
     * best span on 44 of 50 windows. Since that range would be the whole batch's, padding
     * included, a window in a joined batch moved by up to 3 more logits with its neighbours; so
     * {@link #logits} runs every window as a pass of its own over its own tokens, and a window's
     * logits depend on nothing else.
     */
    INT8
  }

  /**
   * How the session runs.
   *
   * @param threads intra-op threads, in [1, 1024] (one inter-op thread: the graph is a chain)
   * @param level graph optimisation ({@code ALL_OPT} fuses attention, LayerNorm and GELU)
   * @param memory where activations live
   * @param spinning whether idle intra-op threads spin for work instead of sleeping: a little
   *     faster on an idle machine, but it burns the cores that other processes need
   * @param precision the arithmetic of the weight MatMuls
   */
  public record Options(int threads, OptLevel level, Memory memory, boolean spinning,
      Precision precision) {
    public Options {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
      }
      if (level == null || memory == null || precision == null) {
        throw new IllegalArgumentException("level, memory and precision must be set");
      }
    }

    /**
     * How the reader serves: all cores, full optimisation, the arena per pass, no spinning. On
     * the shipped bge-small reader, 2 busy cores, 441 windows in 42 shapes (batches 1 to 32,
     * 50 to 384 tokens) took 230 s with no arena (slower than DJL's 150 s), 50 s with the arena
     * per pass and 40 s with the whole arena; after three such sweeps the process held 0.68 GB
     * with the arena per pass and 1.43 GB with the whole arena, which keeps its largest pass.
     */
    public static Options serving() {
      return serving(Precision.FP32);
    }

    /** How the reader serves, as {@link #serving()}, in {@code precision}. */
    public static Options serving(Precision precision) {
      return new Options(Runtime.getRuntime().availableProcessors(), OptLevel.ALL_OPT,
          Memory.ARENA_PER_PASS, false, precision);
    }

    private OrtSession.SessionOptions session() throws OrtException {
      OrtSession.SessionOptions o = new OrtSession.SessionOptions();
      try {
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(level);
        o.setCPUArenaAllocator(memory != Memory.NONE);
        o.setMemoryPatternOptimization(memory == Memory.ARENA);
        o.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
        return o;
      } catch (OrtException | RuntimeException e) {
        o.close();
        throw e;
      }
    }

    /** Options of every pass, or {@code null} for the defaults. */
    private OrtSession.RunOptions run() throws OrtException {
      if (memory != Memory.ARENA_PER_PASS) {
        return null;
      }
      OrtSession.RunOptions r = new OrtSession.RunOptions();
      try {
        r.addRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        return r;
      } catch (OrtException | RuntimeException e) {
        r.close();
        throw e;
      }
    }
  }

  private final OrtEnvironment env;
  private final OrtSession session;
  /** Options of every pass; {@code null} for the defaults. Read-only, so passes share it. */
  private final OrtSession.RunOptions runOptions;
  private final boolean tokenTypes;
  private final float[] headWeight;
  private final float[] headBias;
  private final int hidden;
  private final Options options;
  private final BaseEncoder base;

  private OrtSpanModel(OrtEnvironment env, OrtSession session, OrtSession.RunOptions runOptions,
      float[] headWeight, float[] headBias, int hidden, Options options, BaseEncoder base) {
    this.env = env;
    this.session = session;
    this.runOptions = runOptions;
    this.tokenTypes = session.getInputNames().contains("token_type_ids");
    this.headWeight = headWeight;
    this.headBias = headBias;
    this.hidden = hidden;
    this.options = options;
    this.base = base;
  }

  /**
   * Builds the model of {@code block} in the graph of the base encoder that its architecture
   * names ({@link BaseEncoder#of(BertConfig)}); a block of another architecture is an error.
   */
  public static OrtSpanModel create(BertQaBlock block, Options options) throws IOException {
    return create(block, BaseEncoder.of(block.config()), options);
  }

  /**
   * Builds the model of {@code block}, whose encoder must have {@code base}'s architecture: every
   * initializer of the base graph takes the block's tensor of the same name and shape, or the
   * build fails. The rewritten graph (and its int8 copy, for {@link Precision#INT8}) goes through
   * temporary files that are deleted once the session holds its own copy of the weights.
   */
  public static OrtSpanModel create(BertQaBlock block, BaseEncoder base, Options options)
      throws IOException {
    byte[] onnx;
    try (InputStream in = base.openOnnx()) {
      onnx = in.readAllBytes();
    }
    Path file = Files.createTempFile("odqa-reader-" + base.id() + "-", ".onnx");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        OnnxWeightSwap.write(onnx, block, out);
      }
      onnx = null; // the base model's bytes are garbage before the session parses its copy
      float[] w = block.parametersByName().get(BertQaBlock.QA_WEIGHT).getArray().toFloatArray();
      float[] b = block.parametersByName().get(BertQaBlock.QA_BIAS).getArray().toFloatArray();
      return open(file, base, options, w, b, block.config().hiddenSize());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * The base encoder itself, unmodified and without a span head, for its hidden states only
   * ({@link #firstTokenStates}): the dense retriever's bi-encoder is bge-small as published.
   */
  public static OrtSpanModel encoder(BaseEncoder base, Options options) throws IOException {
    Path file = Files.createTempFile("odqa-encoder-" + base.id() + "-", ".onnx");
    try {
      try (InputStream in = base.openOnnx()) {
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return open(file, base, options, new float[0], new float[0], base.hiddenSize());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Opens the graph in {@code file}, quantised first into a temporary file for INT8. */
  private static OrtSpanModel open(Path file, BaseEncoder base, Options options, float[] w,
      float[] b, int hidden) throws IOException {
    if (options.precision() == Precision.FP32) {
      return session(file, base, options, w, b, hidden);
    }
    Path quantized = Files.createTempFile("odqa-int8-" + base.id() + "-", ".onnx");
    try {
      OnnxDynamicQuantizer.quantize(file, quantized);
      return session(quantized, base, options, w, b, hidden);
    } finally {
      Files.deleteIfExists(quantized);
    }
  }

  private static OrtSpanModel session(Path file, BaseEncoder base, Options options, float[] w,
      float[] b, int hidden) throws IOException {
    OrtEnvironment env = environment();
    OrtSession.RunOptions run = null;
    try (OrtSession.SessionOptions o = options.session()) {
      run = options.run();
      OrtSession session = env.createSession(file.toString(), o);
      if (!session.getOutputNames().contains(HIDDEN)
          || !session.getInputNames().containsAll(Set.of("input_ids", "attention_mask"))) {
        String found = session.getInputNames() + " -> " + session.getOutputNames();
        session.close();
        throw new IOException(base.id() + " ONNX graph does not map input_ids and"
            + " attention_mask to " + HIDDEN + ": " + found);
      }
      return new OrtSpanModel(env, session, run, w, b, hidden, options, base);
    } catch (OrtException e) {
      close(run);
      throw new IOException("ONNX Runtime cannot load the " + base.id() + " graph ("
          + options.precision() + "): " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      close(run);
      throw e;
    }
  }

  /**
   * The process's ONNX Runtime environment. DJL's OnnxRuntime engine, when it is on the
   * classpath, creates the environment itself with its thread options and fails to start if one
   * already exists; so it is started first, and this model shares its environment.
   */
  private static OrtEnvironment environment() {
    if (Engine.hasEngine(DJL_ORT_ENGINE)) {
      Engine.getEngine(DJL_ORT_ENGINE);
    }
    return OrtEnvironment.getEnvironment();
  }

  private static void close(OrtSession.RunOptions run) {
    if (run != null) {
      run.close();
    }
  }

  /** Start and end logits {@code [2][rows][seq]} for inputs {@code [3][rows][seq]}. */
  public float[][][] logits(long[][][] in) {
    if (headWeight.length == 0) {
      throw new IllegalStateException("this " + base.id() + " encoder has no span head");
    }
    int rows = in[0].length;
    int seq = in[0][0].length;
    if (options.precision() == Precision.INT8 && (rows > 1 || tokens(in[1][0]) < seq)) {
      return windowByWindow(in);
    }
    return run(in, states -> head(states, rows, seq));
  }

  /**
   * {@link #logits} one window (row) at a time, each cut to its own tokens; the logits of a
   * row's padding are 0, which no reader reads (spans lie within the mask).
   */
  private float[][][] windowByWindow(long[][][] in) {
    int rows = in[0].length;
    int seq = in[0][0].length;
    float[][][] out = new float[2][rows][];
    for (int r = 0; r < rows; r++) {
      int n = tokens(in[1][r]);
      long[][][] one = new long[3][1][];
      for (int t = 0; t < 3; t++) {
        one[t][0] = Arrays.copyOf(in[t][r], n);
      }
      float[][][] mine = run(one, states -> head(states, 1, n));
      out[0][r] = Arrays.copyOf(mine[0][0], seq);
      out[1][r] = Arrays.copyOf(mine[1][0], seq);
    }
    return out;
  }

  /** Tokens of a right-padded row: one past its last position whose mask is 1 (at least 1). */
  private static int tokens(long[] mask) {
    int n = mask.length;
    while (n > 1 && mask[n - 1] == 0) {
      n--;
    }
    return n;
  }

  /**
   * The final hidden state of each row's first token ({@code [CLS]}), {@code [rows][hidden]},
   * for inputs {@code [3][rows][seq]}.
   */
  public float[][] firstTokenStates(long[][][] in) {
    int rows = in[0].length;
    int seq = in[0][0].length;
    return run(in, states -> {
      float[] h = states.array();
      int offset = states.arrayOffset() + states.position();
      float[][] out = new float[rows][];
      for (int r = 0; r < rows; r++) {
        int at = offset + r * seq * hidden;
        out[r] = Arrays.copyOfRange(h, at, at + hidden);
      }
      return out;
    });
  }

  /** One pass; {@code read} turns {@code last_hidden_state} into the result before it is freed. */
  private <T> T run(long[][][] in, java.util.function.Function<FloatBuffer, T> read) {
    int rows = in[0].length;
    int seq = in[0][0].length;
    long[] shape = {rows, seq};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", tensor(in[0], shape));
      inputs.put("attention_mask", tensor(in[1], shape));
      if (tokenTypes) {
        inputs.put("token_type_ids", tensor(in[2], shape));
      }
      try (OrtSession.Result result = runOptions == null ? session.run(inputs, Set.of(HIDDEN))
          : session.run(inputs, Set.of(HIDDEN), runOptions)) {
        OnnxValue out = result.get(HIDDEN).orElseThrow();
        return read.apply(((OnnxTensor) out).getFloatBuffer());
      }
    } catch (OrtException e) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "ONNX Runtime failed on a batch of %d x %d: %s", rows, seq, e.getMessage()), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** How the session runs. */
  public Options options() {
    return options;
  }

  /** The base encoder whose graph runs the weights. */
  public BaseEncoder base() {
    return base;
  }

  private OnnxTensor tensor(long[][] rows, long[] shape) throws OrtException {
    LongBuffer flat = LongBuffer.allocate(rows.length * rows[0].length);
    for (long[] row : rows) {
      flat.put(row);
    }
    flat.flip();
    return OnnxTensor.createTensor(env, flat, shape);
  }

  /** {@code qa_outputs} on {@code [rows, seq, hidden]}: start (row 0) and end (row 1) logits. */
  private float[][][] head(FloatBuffer states, int rows, int seq) {
    float[] h = states.array();
    int offset = states.arrayOffset() + states.position();
    float[][][] out = new float[2][rows][seq];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < seq; t++) {
        int at = offset + (r * seq + t) * hidden;
        float start = headBias[0];
        float end = headBias[1];
        for (int i = 0; i < hidden; i++) {
          start += h[at + i] * headWeight[i];
          end += h[at + i] * headWeight[hidden + i];
        }
        out[0][r][t] = start;
        out[1][r][t] = end;
      }
    }
    return out;
  }

  /**
   * Closes the session, which frees its weights, then releases this model's hold on the
   * process-wide {@link OrtEnvironment}: each model takes it once ({@code getEnvironment}) and
   * gives it back once, which balances the reference count of runtimes that keep one. In the
   * runtime used here (1.21) the environment lives until JVM exit, closed by a shutdown hook, and
   * {@code close()} is a no-op, so a live model and an evaluation session's model share it.
   */
  @Override
  public void close() {
    try {
      if (runOptions != null) {
        runOptions.close();
      }
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(),
          e);
    } finally {
      env.close();
    }
  }
}
