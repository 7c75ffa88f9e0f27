package io.odqa.reader.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.SpanReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Owns one loaded model directory: the weights, ready for forward passes on one engine ({@link
 * ServingEngine}), and the tokenizer. It is created once and closed on shutdown or when a newer
 * model replaces it; a forward pass needs no other state, so concurrent callers share it.
 *
 * <p>Loaded for {@link ServingEngine#DJL}, it holds the block ({@link #block}) with its weights
 * on a device, for training and inference. Loaded for {@link ServingEngine#ONNXRUNTIME} or {@link
 * ServingEngine#ONNXRUNTIME_INT8}, it holds only an ONNX Runtime session built from those weights
 * ({@link OrtSpanModel}): the DJL block is freed once the session has its copy, so the block's
 * accessors throw.
 */
public final class ReaderModel implements AutoCloseable {
  /** Engine that runs the block. */
  public static final String ENGINE = "PyTorch";

  private final Path dir;
  private final String version;
  private final BertConfig config;
  private final ServingEngine engine;
  /** The DJL block and the manager of its weights; {@code null} with ONNX Runtime. */
  private final BertQaBlock block;
  private final NDManager manager;
  /** The ONNX Runtime session; {@code null} with DJL. */
  private final OrtSpanModel ort;
  private final Device device;
  private QaTokenizer tokenizer;
  private boolean closed;

  private ReaderModel(Path dir, String version, BertConfig config, ServingEngine engine,
      BertQaBlock block, NDManager manager, OrtSpanModel ort) {
    this.dir = dir;
    this.version = version;
    this.config = config;
    this.engine = engine;
    this.block = block;
    this.manager = manager;
    this.ort = ort;
    this.device = manager == null ? Device.cpu() : manager.getDevice();
  }

  /**
   * Loads {@code dir} ({@code config.json}, {@code tokenizer.json}, {@code *.safetensors}) onto
   * {@code device} for DJL: {@code auto} takes the first GPU when the engine sees one, else the
   * CPU. Training, refresh and evaluation load this way.
   */
  public static ReaderModel load(Path dir, String device) throws IOException {
    return load(dir, device, ServingEngine.DJL);
  }

  /**
   * Loads {@code dir} for {@code engine}. ONNX Runtime runs on the CPU only: {@code device} must
   * be {@code cpu} or {@code auto} (which then means the CPU even where a GPU is present), and
   * the model must be fine-tuned from a base encoder with an ONNX graph ({@link
   * io.odqa.reader.convert.BaseEncoder#of(BertConfig)}); otherwise the load fails and says why.
   */
  public static ReaderModel load(Path dir, String device, ServingEngine engine)
      throws IOException {
    for (String f : new String[] {"config.json", "tokenizer.json"}) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IOException("model directory " + dir + " has no " + f);
      }
    }
    return switch (engine) {
      case DJL -> loadDjl(dir, resolveDevice(device));
      case ONNXRUNTIME -> loadOrt(dir, device, engine, OrtSpanModel.Precision.FP32);
      case ONNXRUNTIME_INT8 -> loadOrt(dir, device, engine, OrtSpanModel.Precision.INT8);
    };
  }

  /**
   * Loads {@code dir} for DJL on {@code device} with its weights in {@code precision}:
   * {@code fp32}, or {@code fp16} / {@code bf16} for half-precision serving on a GPU (inputs stay
   * int64; the logits are widened to fp32 when they are read). Training keeps fp32.
   *
   * @throws IllegalArgumentException for another precision
   */
  public static ReaderModel load(Path dir, String device, String precision) throws IOException {
    DataType type = switch (precision == null ? "" : precision.toLowerCase(Locale.ROOT)) {
      case "fp32", "float32" -> DataType.FLOAT32;
      case "fp16", "float16" -> DataType.FLOAT16;
      case "bf16", "bfloat16" -> DataType.BFLOAT16;
      default -> throw new IllegalArgumentException("precision '" + precision
          + "' is not fp32, fp16 or bf16");
    };
    return loadDjl(dir, resolveDevice(device), type);
  }

  private static ReaderModel loadDjl(Path dir, Device device) throws IOException {
    return loadDjl(dir, device, DataType.FLOAT32);
  }

  private static ReaderModel loadDjl(Path dir, Device device, DataType type) throws IOException {
    BertConfig config = BertConfig.read(dir.resolve("config.json"));
    NDManager manager = Engine.getEngine(ENGINE).newBaseManager(device);
    try {
      BertQaBlock block = new BertQaBlock(config);
      Map<String, NDArray> weights = Weights.read(dir, manager);
      if (type != DataType.FLOAT32) {
        weights.replaceAll((name, a) -> {
          NDArray cast = a.toType(type, false);
          a.close();
          return cast;
        });
      }
      Weights.assign(block, weights);
      return new ReaderModel(dir, versionOf(dir), config, ServingEngine.DJL, block, manager,
          null);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * The weights are read (and int8 ones dequantised) by DJL on the CPU, written into the base's
   * ONNX graph (its weight MatMuls then quantised for {@link OrtSpanModel.Precision#INT8}), and
   * freed as soon as the session holds its own copy: the service never trains.
   */
  private static ReaderModel loadOrt(Path dir, String device, ServingEngine engine,
      OrtSpanModel.Precision precision) throws IOException {
    String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
    if (!d.equals("auto") && resolveDevice(d).isGpu()) {
      throw new IllegalArgumentException("device '" + device + "': ONNX Runtime serves the"
          + " reader on the CPU only; use device cpu or auto, or engine djl for a GPU");
    }
    if (!ServingEngine.ortAvailable()) {
      throw new IllegalStateException("engine " + engine.id() + ": ONNX Runtime is not on the"
          + " classpath (add ai.djl.onnxruntime:onnxruntime-engine), or use engine djl");
    }
    try (ReaderModel weights = loadDjl(dir, Device.cpu())) {
      OrtSpanModel ort;
      try {
        ort = OrtSpanModel.create(weights.block, OrtSpanModel.Options.serving(precision));
      } catch (IllegalArgumentException e) {
        throw new IOException("model directory " + dir + " cannot be served by ONNX Runtime: "
            + e.getMessage() + "; use engine djl", e);
      }
      return new ReaderModel(dir, weights.version, weights.config, engine, null, null, ort);
    }
  }

  /** Maps {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} to a device of the engine. */
  public static Device resolveDevice(String spec) {
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "auto" -> Engine.getEngine(ENGINE).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
      case "cpu" -> Device.cpu();
      case "gpu" -> Device.gpu();
      default -> {
        if (s.startsWith("gpu:")) {
          yield Device.gpu(Integer.parseInt(s.substring(4)));
        }
        throw new IllegalArgumentException("device '" + spec + "' is not auto, cpu, gpu or gpu:N");
      }
    };
  }

  private static String versionOf(Path dir) throws IOException {
    Path file = dir.resolve("VERSION");
    if (Files.isRegularFile(file)) {
      return Files.readString(file).trim();
    }
    return dir.toAbsolutePath().normalize().getFileName().toString();
  }

  /**
   * One forward pass on inputs {@code [3][rows][seq]} (ids, mask, token types), on the engine the
   * model was loaded for: start and end logits {@code [2][rows][seq]}. With DJL every tensor of
   * the pass is freed before it returns.
   */
  public float[][][] logits(long[][][] in) {
    if (ort != null) {
      return ort.logits(in);
    }
    try (NDManager m = manager.newSubManager()) {
      return SpanReader.split(spanLogits(new NDList(m.create(in[0]), m.create(in[1]),
          m.create(in[2]))), in);
    }
  }

  /** Start and end logits, {@code [batch, seq]} each, for int64 inputs on this model's device. */
  public NDList spanLogits(NDList inputs) {
    return djl("spanLogits").forward(new ParameterStore(manager, false), inputs, false);
  }

  /** The precision of the weights: {@code float32} unless loaded in another. */
  public DataType precision() {
    return djl("precision").parametersByName().values().iterator().next().getArray()
        .getDataType();
  }

  /** The encoder's {@code last_hidden_state}, for equivalence checks. */
  public NDArray hiddenStates(NDList inputs) {
    return djl("hiddenStates").encode(new ParameterStore(manager, false), inputs, false);
  }

  /** The block, for training; only a model loaded for DJL has one. */
  public BertQaBlock block() {
    return djl("block");
  }

  /** The architecture ({@code config.json}), on either engine. */
  public BertConfig config() {
    return config;
  }

  /** The engine that runs this model's forward passes. */
  public ServingEngine engine() {
    return engine;
  }

  private BertQaBlock djl(String method) {
    if (block == null) {
      throw new IllegalStateException(method + "() needs the DJL block, but reader model "
          + version + " was loaded for ONNX Runtime, which keeps only its session and frees the"
          + " DJL weights; load it with ServingEngine.DJL to train or inspect it");
    }
    return block;
  }

  /**
   * The tokenizer, loaded on first use: training from pre-tokenised data never needs it, so it
   * runs where the native tokenizer library is absent.
   */
  public synchronized QaTokenizer tokenizer() {
    if (tokenizer == null) {
      try {
        tokenizer = new QaTokenizer(dir.resolve("tokenizer.json"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return tokenizer;
  }

  /**
   * The manager that owns the weights; short-lived managers for inputs attach below it. Only a
   * model loaded for DJL has one.
   */
  public NDManager manager() {
    djl("manager");
    return manager;
  }

  /** The device the weights live on: always the CPU with ONNX Runtime. */
  public Device device() {
    return device;
  }

  /** The model directory. */
  public Path dir() {
    return dir;
  }

  /** The model's version: the {@code VERSION} file, or else the directory name. */
  public String version() {
    return version;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (tokenizer != null) {
      tokenizer.close();
    }
    if (manager != null) {
      manager.close();
    }
    if (ort != null) {
      ort.close();
    }
  }
}
