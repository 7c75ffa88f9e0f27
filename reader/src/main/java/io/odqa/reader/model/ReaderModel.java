package io.odqa.reader.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.odqa.reader.read.QaTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Owns one loaded model directory: the block with its weights on a device, and the tokenizer.
 * It is created once and closed on shutdown or when a newer model replaces it; a forward pass
 * needs no other state, so concurrent callers share it.
 */
public final class ReaderModel implements AutoCloseable {
  /** Engine that runs the block. */
  public static final String ENGINE = "PyTorch";

  private final Path dir;
  private final String version;
  private final BertQaBlock block;
  private QaTokenizer tokenizer;
  private final NDManager manager;
  private final Device device;

  private ReaderModel(Path dir, String version, BertQaBlock block, NDManager manager) {
    this.dir = dir;
    this.version = version;
    this.block = block;
    this.manager = manager;
    this.device = manager.getDevice();
  }

  /**
   * Loads {@code dir} ({@code config.json}, {@code tokenizer.json}, {@code *.safetensors}) onto
   * {@code device}: {@code auto} takes the first GPU when the engine sees one, else the CPU.
   */
  public static ReaderModel load(Path dir, String device) throws IOException {
    for (String f : new String[] {"config.json", "tokenizer.json"}) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IOException("model directory " + dir + " has no " + f);
      }
    }
    BertConfig config = BertConfig.read(dir.resolve("config.json"));
    NDManager manager = Engine.getEngine(ENGINE).newBaseManager(resolveDevice(device));
    try {
      BertQaBlock block = new BertQaBlock(config);
      Map<String, NDArray> weights = Weights.read(dir, manager);
      Weights.assign(block, weights);
      return new ReaderModel(dir, versionOf(dir), block, manager);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Maps {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} to a device of the engine. */
  public static Device resolveDevice(String spec) {
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    Engine engine = Engine.getEngine(ENGINE);
    return switch (s) {
      case "auto" -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
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

  /** Start and end logits, {@code [batch, seq]} each, for int64 inputs on this model's device. */
  public NDList spanLogits(NDList inputs) {
    return block.forward(new ParameterStore(manager, false), inputs, false);
  }

  /** The encoder's {@code last_hidden_state}, for equivalence checks. */
  public NDArray hiddenStates(NDList inputs) {
    return block.encode(new ParameterStore(manager, false), inputs, false);
  }

  /** The block, for training. */
  public BertQaBlock block() {
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

  /** The manager that owns the weights; short-lived managers for inputs attach below it. */
  public NDManager manager() {
    return manager;
  }

  /** The device the weights live on. */
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
    if (tokenizer != null) {
      tokenizer.close();
    }
    manager.close();
  }
}
