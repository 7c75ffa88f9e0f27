package io.odqa.reader.convert;

import io.odqa.reader.model.BertConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The pre-trained encoders that ship on Maven Central as ONNX plus {@code tokenizer.json}, in
 * langchain4j's embedding jars. ONNX does not record the number of attention heads, so it is
 * stated here (both are 12, from the models' published {@code config.json}), with the layer
 * count and width that tell the bases apart ({@link #of(BertConfig)}).
 *
 * @see OnnxBertConverter
 */
public enum BaseEncoder {
  /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, hidden 384, Apache-2.0. */
  MINILM("all-minilm-l6-v2", 12, 6, 384),
  /** BAAI/bge-small-en-v1.5: 12 layers, hidden 384, MIT. */
  BGE_SMALL("bge-small-en-v1.5", 12, 12, 384);

  /** LayerNorm epsilon of both exports: a constant of their graphs, not an initializer. */
  private static final float LAYER_NORM_EPS = 1e-12f;

  private final String resource;
  private final int heads;
  private final int layers;
  private final int hiddenSize;

  BaseEncoder(String resource, int heads, int layers, int hiddenSize) {
    this.resource = resource;
    this.heads = heads;
    this.layers = layers;
    this.hiddenSize = hiddenSize;
  }

  /** Attention heads per layer. */
  public int heads() {
    return heads;
  }

  /** Transformer layers. */
  public int layers() {
    return layers;
  }

  /** Width of every hidden state. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** The identifier users type: {@code minilm} or {@code bge-small}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Opens the ONNX model from the classpath. */
  public InputStream openOnnx() throws IOException {
    return open(resource + ".onnx");
  }

  /** Opens the tokenizer from the classpath. */
  public InputStream openTokenizer() throws IOException {
    return open(resource + "-tokenizer.json");
  }

  private InputStream open(String name) throws IOException {
    InputStream in = BaseEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath (the langchain4j embeddings jar for "
          + id() + " is missing)");
    }
    return in;
  }

  /**
   * The base that a model of architecture {@code config} was fine-tuned from, told apart by its
   * layers and width; the heads and the LayerNorm epsilon, which the base's graph holds as
   * constants, must match too. Model directories do not record their base, and every model the
   * platform trains starts from one of these (vocabulary, intermediate size and tables are then
   * checked tensor by tensor when weights go into the graph).
   *
   * @throws IllegalArgumentException naming the architecture and the bases' when none matches
   */
  public static BaseEncoder of(BertConfig config) {
    for (BaseEncoder b : values()) {
      if (b.layers == config.layers() && b.hiddenSize == config.hiddenSize()
          && b.heads == config.heads() && config.layerNormEps() == LAYER_NORM_EPS) {
        return b;
      }
    }
    StringBuilder bases = new StringBuilder();
    for (BaseEncoder b : values()) {
      bases.append(bases.length() == 0 ? "" : ", ").append(b.id()).append(" (").append(b.layers)
          .append(" layers, hidden ").append(b.hiddenSize).append(", ").append(b.heads)
          .append(" heads)");
    }
    throw new IllegalArgumentException("the model has " + config.layers() + " layers, hidden "
        + config.hiddenSize() + ", " + config.heads() + " heads and layer_norm_eps "
        + config.layerNormEps() + "; the base encoders are " + bases + ", with layer_norm_eps "
        + LAYER_NORM_EPS);
  }

  /** Parses {@code minilm} or {@code bge-small}; an unknown id names the legal ones. */
  public static BaseEncoder of(String id) {
    for (BaseEncoder b : values()) {
      if (b.id().equals(id)) {
        return b;
      }
    }
    throw new IllegalArgumentException("base encoder '" + id + "' is unknown; use minilm or bge-small");
  }
}
