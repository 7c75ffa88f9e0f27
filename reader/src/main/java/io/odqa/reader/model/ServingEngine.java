package io.odqa.reader.model;

import java.util.Locale;

/**
 * The engine that runs a {@link ReaderModel}'s forward passes. Both run the same weights and
 * give the same spans (logits within 1e-3); ONNX Runtime was about twice as fast per window on
 * the CPU, so it serves there, while DJL (PyTorch) keeps the block for training and runs on a
 * GPU.
 */
public enum ServingEngine {
  /** The DJL block on the PyTorch engine: CPU or GPU; the only engine that trains. */
  DJL,
  /**
   * The weights in the base encoder's ONNX graph, run by ONNX Runtime ({@link OrtSpanModel}):
   * CPU only, for models fine-tuned from a base with an ONNX graph (MiniLM, bge-small).
   */
  ONNXRUNTIME;

  /** Class whose presence shows that ONNX Runtime is on the classpath. */
  private static final String ORT_CLASS = "ai.onnxruntime.OrtEnvironment";

  /**
   * The engine for {@code spec} ({@code auto}, {@code djl} or {@code onnxruntime}, any case) on
   * {@code device} (as {@link ReaderModel#resolveDevice} reads it). {@code auto} takes ONNX
   * Runtime where the device resolves to the CPU and ONNX Runtime is on the classpath, else DJL,
   * so {@code auto} with a GPU present serves on the GPU. An explicit engine is taken as it is;
   * {@link ReaderModel#load(java.nio.file.Path, String, ServingEngine)} refuses ONNX Runtime on a
   * GPU.
   */
  public static ServingEngine resolve(String spec, String device) {
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "djl" -> DJL;
      case "onnxruntime" -> ONNXRUNTIME;
      case "auto" -> !ReaderModel.resolveDevice(device).isGpu() && ortAvailable()
          ? ONNXRUNTIME : DJL;
      default -> throw new IllegalArgumentException("reader engine '" + spec
          + "' is not auto, djl or onnxruntime");
    };
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

  /** The name that configuration uses: {@code djl} or {@code onnxruntime}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
