package io.odqa.reader.model;

import java.util.Locale;

/**
 * The engine that runs a {@link ReaderModel}'s forward passes. DJL and ONNX Runtime run the same
 * weights and give the same spans (logits within 1e-3); ONNX Runtime was about twice as fast per
 * window on the CPU, so it serves there, while DJL (PyTorch) keeps the block for training and
 * runs on a GPU. ONNX Runtime with int8 weight MatMuls is about twice as fast again on the CPU,
 * but its logits move with quantisation noise and with the batch ({@link
 * OrtSpanModel.Precision#INT8}).
 */
public enum ServingEngine {
  /** The DJL block on the PyTorch engine: CPU or GPU; the only engine that trains. */
  DJL,
  /**
   * The weights in the base encoder's ONNX graph, run by ONNX Runtime ({@link OrtSpanModel}):
   * CPU only, for models fine-tuned from a base with an ONNX graph (MiniLM, bge-small).
   */
  ONNXRUNTIME,
  /**
   * As {@link #ONNXRUNTIME}, with the encoder's weight MatMuls quantised to int8 ({@link
   * OrtSpanModel.Precision#INT8}): CPU only.
   */
  ONNXRUNTIME_INT8;

  /** Class whose presence shows that ONNX Runtime is on the classpath. */
  private static final String ORT_CLASS = "ai.onnxruntime.OrtEnvironment";

  /**
   * The engine for {@code spec} ({@code auto}, {@code djl}, {@code onnxruntime} or {@code
   * onnxruntime-int8}, any case) on {@code device} (as {@link ReaderModel#resolveDevice} reads
   * it). {@code auto} takes ONNX Runtime with int8 MatMuls where the device resolves to the CPU
   * and ONNX Runtime is on the classpath, else DJL, so {@code auto} with a GPU present serves on
   * the GPU. On SQuAD-open dev, int8 answered with EM 0.5835 against float's 0.5852, at p50 84
   * against 112 ms and p95 224 against 355 ms ({@code docs/evaluation/fast-answers.md}).
   * An explicit engine is taken as it is; {@link ReaderModel#load(java.nio.file.Path, String,
   * ServingEngine)} refuses ONNX Runtime on a GPU.
   */
  public static ServingEngine resolve(String spec, String device) {
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "djl" -> DJL;
      case "onnxruntime" -> ONNXRUNTIME;
      case "onnxruntime-int8" -> ONNXRUNTIME_INT8;
      case "auto" -> !ReaderModel.resolveDevice(device).isGpu() && ortAvailable()
          ? ONNXRUNTIME_INT8 : DJL;
      default -> throw new IllegalArgumentException("reader engine '" + spec
          + "' is not auto, djl, onnxruntime or onnxruntime-int8");
    };
  }

  /** This engine with float arithmetic: {@link #ONNXRUNTIME} for {@link #ONNXRUNTIME_INT8}. */
  public ServingEngine float32() {
    return this == ONNXRUNTIME_INT8 ? ONNXRUNTIME : this;
  }

  /** Whether ONNX Runtime's Java API is on the classpath (it is optional in this module). */
  static boolean ortAvailable() {
    try {
      Class.forName(ORT_CLASS, false, ServingEngine.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The name that configuration uses: {@code djl}, {@code onnxruntime} or {@code
   * onnxruntime-int8}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
