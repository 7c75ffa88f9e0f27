package io.odqa.reader.convert;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The pre-trained encoders that ship on Maven Central as ONNX plus {@code tokenizer.json}, in
 * langchain4j's embedding jars. ONNX does not record the number of attention heads, so it is
 * stated here (both are 12, from the models' published {@code config.json}).
 *
 * @see OnnxBertConverter
 */
public enum BaseEncoder {
  /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, hidden 384, Apache-2.0. */
  MINILM("all-minilm-l6-v2", 12),
  /** BAAI/bge-small-en-v1.5: 12 layers, hidden 384, MIT. */
  BGE_SMALL("bge-small-en-v1.5", 12);

  private final String resource;
  private final int heads;

  BaseEncoder(String resource, int heads) {
    this.resource = resource;
    this.heads = heads;
  }

  /** Attention heads per layer. */
  public int heads() {
    return heads;
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
