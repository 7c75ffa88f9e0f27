package io.odqa.reader.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.convert.OnnxBertConverter;
import io.odqa.reader.model.OrtSpanModel;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.model.ServingEngine;
import io.odqa.reader.read.QaTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A bi-encoder for dense retrieval: BAAI/bge-small-en-v1.5 (the retrieval checkpoint that ships
 * in langchain4j's jar, not the reader's fine-tuned weights), run through the platform's DJL BERT
 * encoder. A text's vector is the final hidden state of {@code [CLS]}, L2-normalised, so the dot
 * product of two vectors is their cosine (the model's published pooling). Questions carry the
 * model's retrieval instruction; passages do not (Xiao et al., 2023, C-Pack, section 3).
 *
 * <p>It runs on ONNX Runtime (the published graph, unmodified) on the CPU, which is about twice
 * as fast there as the DJL block ({@code ./odqa bench reader}), and on DJL's PyTorch engine on a
 * GPU ({@link ServingEngine#resolve}). Both give the same vectors within 1e-4.
 *
 * <p>Thread-safe: concurrent callers share the weights; each call frees its tensors.
 */
public final class PassageEncoder implements AutoCloseable {
  /** The instruction bge prepends to short queries that retrieve passages. */
  public static final String QUERY_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";
  /** Vector dimension of bge-small. */
  public static final int DIMENSION = 384;
  /** Longest input in tokens, [CLS] and [SEP] included (the model's position limit). */
  public static final int MAX_TOKENS = 512;
  /** Texts per forward pass; texts are sorted by length so a batch pads little. */
  public static final int BATCH = 16;

  /** Runs the encoder on inputs {@code [3][rows][seq]}: the [CLS] state of each row. */
  private interface Backend extends AutoCloseable {
    float[][] cls(long[][][] inputs);

    @Override
    void close();
  }

  private final Backend backend;
  private final QaTokenizer tokenizer;
  private final ServingEngine engine;
  private final String version;

  private PassageEncoder(Backend backend, QaTokenizer tokenizer, ServingEngine engine) {
    this.backend = backend;
    this.tokenizer = tokenizer;
    this.engine = engine;
    this.version = BaseEncoder.BGE_SMALL.id() + "-en-v1.5-cls";
  }

  /**
   * Loads bge-small onto {@code device} ({@code auto}, {@code cpu}, ...): on ONNX Runtime from the
   * Maven-shipped graph when the device is the CPU, else on DJL from {@code dir}, converted from
   * that graph first if the directory holds no weights yet. The tokenizer is read from {@code
   * dir} either way.
   */
  public static PassageEncoder open(Path dir, String device) throws IOException {
    // Float even where the reader serves int8: a vector must match the index's float ones.
    return open(dir, device, ServingEngine.resolve("auto", device).float32());
  }

  /**
   * The same on an explicit {@code engine} (ONNX Runtime runs on the CPU only). {@link
   * ServingEngine#ONNXRUNTIME_INT8} is refused: it is for the reader, and int8 vectors would not
   * match the float ones of an index built under the same {@link #version}.
   */
  public static PassageEncoder open(Path dir, String device, ServingEngine engine)
      throws IOException {
    if (engine == ServingEngine.ONNXRUNTIME_INT8) {
      throw new IllegalArgumentException("engine " + engine.id() + " quantises the reader only;"
          + " the passage encoder runs on onnxruntime or djl");
    }
    OnnxBertConverter.convertIfAbsent(BaseEncoder.BGE_SMALL, dir);
    QaTokenizer tokenizer = new QaTokenizer(dir.resolve("tokenizer.json"));
    try {
      if (engine == ServingEngine.ONNXRUNTIME) {
        OrtSpanModel ort = OrtSpanModel.encoder(BaseEncoder.BGE_SMALL,
            OrtSpanModel.Options.serving());
        return new PassageEncoder(new Backend() {
          @Override
          public float[][] cls(long[][][] inputs) {
            return ort.firstTokenStates(inputs);
          }

          @Override
          public void close() {
            ort.close();
          }
        }, tokenizer, engine);
      }
      ReaderModel model = ReaderModel.load(dir, device);
      return new PassageEncoder(new Backend() {
        @Override
        public float[][] cls(long[][][] inputs) {
          return djlCls(model, inputs);
        }

        @Override
        public void close() {
          model.close();
        }
      }, tokenizer, engine);
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** The engine that runs the encoder. */
  public ServingEngine engine() {
    return engine;
  }

  /** Names the encoder and pooling; a vector index records it so that a change is detected. */
  public String version() {
    return version;
  }

  /** The unit vector of a question, with the retrieval instruction. */
  public float[] embedQuery(String question) {
    return embed(List.of(QUERY_INSTRUCTION + question)).get(0);
  }

  /** Unit vectors of passages, in order; a passage longer than 510 tokens is cut. */
  public List<float[]> embedPassages(List<String> passages) {
    return embed(passages);
  }

  private List<float[]> embed(List<String> texts) {
    QaTokenizer tok = tokenizer;
    long[][] ids = new long[texts.size()][];
    for (int i = 0; i < ids.length; i++) {
      long[] t = tok.tokenize(texts.get(i)).ids();
      int n = Math.min(t.length, MAX_TOKENS - 2);
      long[] framed = new long[n + 2];
      framed[0] = tok.cls();
      System.arraycopy(t, 0, framed, 1, n);
      framed[n + 1] = tok.sep();
      ids[i] = framed;
    }
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed()
        .thenComparingInt(i -> i));
    float[][] out = new float[ids.length][];
    for (int from = 0; from < order.length; from += BATCH) {
      int to = Math.min(order.length, from + BATCH);
      List<long[]> batch = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        batch.add(ids[order[k]]);
      }
      float[][] vectors = forward(batch);
      for (int k = from; k < to; k++) {
        out[order[k]] = vectors[k - from];
      }
    }
    return Arrays.asList(out);
  }

  /** [CLS] vectors of one batch, right-padded to its longest input and masked, unit length. */
  private float[][] forward(List<long[]> batch) {
    int seq = batch.get(0).length;
    for (long[] b : batch) {
      seq = Math.max(seq, b.length);
    }
    long[][][] in = new long[3][batch.size()][seq];
    for (int r = 0; r < batch.size(); r++) {
      long[] b = batch.get(r);
      System.arraycopy(b, 0, in[0][r], 0, b.length);
      Arrays.fill(in[1][r], 0, b.length, 1L);
    }
    float[][] cls = backend.cls(in);
    for (float[] v : cls) {
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      float scale = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
      for (int i = 0; i < v.length; i++) {
        v[i] *= scale;
      }
    }
    return cls;
  }

  private static float[][] djlCls(ReaderModel model, long[][][] in) {
    int rows = in[0].length;
    try (NDManager m = model.manager().newSubManager()) {
      NDArray hidden = model.hiddenStates(new NDList(m.create(in[0]), m.create(in[1]),
          m.create(in[2])));
      NDArray cls = hidden.get(new NDIndex(":, 0, :"));
      float[] flat = cls.toFloatArray();
      int dim = (int) cls.getShape().get(1);
      float[][] out = new float[rows][];
      for (int r = 0; r < rows; r++) {
        out[r] = Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
      }
      return out;
    }
  }

  @Override
  public void close() {
    try {
      backend.close();
    } finally {
      tokenizer.close();
    }
  }
}
