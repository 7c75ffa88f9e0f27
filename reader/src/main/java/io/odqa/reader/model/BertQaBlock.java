package io.odqa.reader.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BERT encoder with an extractive-QA span head (Devlin et al., 2019, section 4.2), written on
 * DJL's NDArray API so that the same block runs inference and training on any DJL engine and
 * device. Parameters carry the Hugging Face names of {@code BertForQuestionAnswering} without the
 * {@code bert.} prefix ({@code embeddings.word_embeddings.weight}, {@code
 * encoder.layer.0.attention.self.query.weight}, ..., {@code qa_outputs.weight}); Linear weights
 * are stored {@code [out, in]} as in PyTorch.
 *
 * <p>Input: {@code input_ids}, {@code attention_mask}, {@code token_type_ids}, each int64 {@code
 * [batch, seq]}. Output: start and end logits, float32 {@code [batch, seq]}.
 */
public final class BertQaBlock extends AbstractBlock {
  /** Name of the span head's weight, {@code [2, hidden]}. */
  public static final String QA_WEIGHT = "qa_outputs.weight";
  /** Name of the span head's bias, {@code [2]}. */
  public static final String QA_BIAS = "qa_outputs.bias";

  private final BertConfig config;
  private final Map<String, Parameter> byName = new LinkedHashMap<>();
  private final Map<String, Shape> shapes = new LinkedHashMap<>();

  /** Declares every parameter of {@code config}'s architecture; arrays are set by the loader. */
  public BertQaBlock(BertConfig config) {
    super((byte) 1);
    this.config = config;
    int h = config.hiddenSize();
    declare("embeddings.word_embeddings.weight", Parameter.Type.WEIGHT, config.vocabSize(), h);
    declare("embeddings.position_embeddings.weight", Parameter.Type.WEIGHT, config.maxPositions(), h);
    declare("embeddings.token_type_embeddings.weight", Parameter.Type.WEIGHT, config.typeVocabSize(), h);
    declareNorm("embeddings.LayerNorm", h);
    for (int i = 0; i < config.layers(); i++) {
      String p = "encoder.layer." + i + ".";
      declareLinear(p + "attention.self.query", h, h);
      declareLinear(p + "attention.self.key", h, h);
      declareLinear(p + "attention.self.value", h, h);
      declareLinear(p + "attention.output.dense", h, h);
      declareNorm(p + "attention.output.LayerNorm", h);
      declareLinear(p + "intermediate.dense", h, config.intermediateSize());
      declareLinear(p + "output.dense", config.intermediateSize(), h);
      declareNorm(p + "output.LayerNorm", h);
    }
    declareLinear("qa_outputs", h, 2);
  }

  /** The architecture. */
  public BertConfig config() {
    return config;
  }

  /** Parameters by Hugging Face name, in declaration order. */
  public Map<String, Parameter> parametersByName() {
    return java.util.Collections.unmodifiableMap(byName);
  }

  /** The shape each parameter must have, by name. */
  public Map<String, Shape> expectedShapes() {
    return java.util.Collections.unmodifiableMap(shapes);
  }

  // Arrays are always assigned from a checkpoint (Weights.assign), never initialised by DJL, so
  // parameters carry no shape or initializer of their own.
  private void declare(String name, Parameter.Type type, long... shape) {
    Parameter p = Parameter.builder().setName(name).setType(type).build();
    byName.put(name, addParameter(p));
    shapes.put(name, new Shape(shape));
  }

  private void declareLinear(String prefix, int in, int out) {
    declare(prefix + ".weight", Parameter.Type.WEIGHT, out, in);
    declare(prefix + ".bias", Parameter.Type.BIAS, out);
  }

  private void declareNorm(String prefix, int width) {
    declare(prefix + ".weight", Parameter.Type.GAMMA, width);
    declare(prefix + ".bias", Parameter.Type.BETA, width);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray hidden = encode(ps, inputs, training);
    Device device = hidden.getDevice();
    NDArray logits = linear(ps, device, training, hidden, "qa_outputs");
    NDList split = logits.split(2, 2);
    return new NDList(split.get(0).squeeze(2), split.get(1).squeeze(2));
  }

  /** Runs the encoder only and returns {@code last_hidden_state}, {@code [batch, seq, hidden]}. */
  public NDArray encode(ParameterStore ps, NDList inputs, boolean training) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray types = inputs.get(2);
    Device device = ids.getDevice();
    NDManager m = ids.getManager();
    long seq = ids.getShape().get(1);
    if (seq > config.maxPositions()) {
      throw new IllegalArgumentException("sequence length " + seq + " exceeds max_position_embeddings "
          + config.maxPositions());
    }
    NDArrayEx ex = ids.getNDArrayInternal();
    NDArray positions = m.arange(0L, seq, 1L, DataType.INT64, device).expandDims(0);
    NDArray x = ex.embedding(ids, value(ps, device, training, "embeddings.word_embeddings.weight"),
        SparseFormat.DENSE).singletonOrThrow();
    x = x.add(ex.embedding(positions,
        value(ps, device, training, "embeddings.position_embeddings.weight"), SparseFormat.DENSE)
        .singletonOrThrow());
    x = x.add(ex.embedding(types,
        value(ps, device, training, "embeddings.token_type_embeddings.weight"), SparseFormat.DENSE)
        .singletonOrThrow());
    x = dropout(layerNorm(ps, device, training, x, "embeddings.LayerNorm"),
        config.hiddenDropout(), training);
    // Additive mask: 0 where attended, a large negative where padded, broadcast over heads and queries.
    NDArray bias = mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(-1e9f)
        .reshape(mask.getShape().get(0), 1, 1, seq).toType(x.getDataType(), false);
    for (int i = 0; i < config.layers(); i++) {
      String p = "encoder.layer." + i + ".";
      x = training ? layer(ps, device, training, x, bias, p) : scopedLayer(ps, device, x, bias, p);
    }
    return x;
  }

  /**
   * One layer in inference, with its intermediates (queries, keys, values, attention scores and
   * probabilities, the feed-forward activations) freed as soon as it returns, together with its
   * input: only the output survives, in the caller's manager. Without this every intermediate
   * of every layer lived until the whole forward pass was closed, so one pass held about twelve
   * layers' worth of {@code [batch, heads, seq, seq]} tensors at once. Training keeps them, since
   * the backward pass needs them.
   */
  private NDArray scopedLayer(ParameterStore ps, Device device, NDArray x, NDArray bias,
      String p) {
    NDManager caller = x.getManager();
    try (NDManager scope = caller.newSubManager()) {
      x.attach(scope);
      NDArray out = layer(ps, device, false, x, bias, p);
      out.attach(caller);
      return out;
    }
  }

  private NDArray layer(ParameterStore ps, Device device, boolean training, NDArray x,
      NDArray bias, String p) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int heads = config.heads();
    int d = config.headSize();
    NDArray q = heads(linear(ps, device, training, x, p + "attention.self.query"), b, t, heads, d);
    NDArray k = heads(linear(ps, device, training, x, p + "attention.self.key"), b, t, heads, d);
    NDArray v = heads(linear(ps, device, training, x, p + "attention.self.value"), b, t, heads, d);
    NDArray probs = attention(q, k, bias, d, training);
    NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * d);
    if (!training) {
      probs.close();
    }
    NDArray attn = dropout(linear(ps, device, training, context, p + "attention.output.dense"),
        config.hiddenDropout(), training);
    x = layerNorm(ps, device, training, attn.add(x), p + "attention.output.LayerNorm");
    NDArray inter = linear(ps, device, training, x, p + "intermediate.dense")
        .getNDArrayInternal().gelu();
    NDArray out = dropout(linear(ps, device, training, inter, p + "output.dense"),
        config.hiddenDropout(), training);
    return layerNorm(ps, device, training, out.add(x), p + "output.LayerNorm");
  }

  /**
   * Attention probabilities softmax(q kᵀ / √d + mask), {@code [batch, heads, seq, seq]}: the
   * largest tensors of a pass. In inference the scaling and the mask are applied in place and
   * the scores are freed once the softmax has read them, so a layer holds two such tensors at
   * most instead of four; training keeps the out-of-place ops that autograd records.
   */
  private NDArray attention(NDArray q, NDArray k, NDArray bias, int d, boolean training) {
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
    if (training) {
      return dropout(scores.div((float) Math.sqrt(d)).add(bias).softmax(-1),
          config.attentionDropout(), true);
    }
    NDArray probs = scores.divi((float) Math.sqrt(d)).addi(bias).softmax(-1);
    scores.close();
    return probs;
  }

  private static NDArray heads(NDArray x, long b, long t, int heads, int d) {
    return x.reshape(b, t, heads, d).transpose(0, 2, 1, 3);
  }

  private NDArray value(ParameterStore ps, Device device, boolean training, String name) {
    Parameter p = byName.get(name);
    if (p == null) {
      throw new IllegalStateException("no parameter " + name);
    }
    return ps.getValue(p, device, training);
  }

  private NDArray linear(ParameterStore ps, Device device, boolean training, NDArray x,
      String prefix) {
    return x.getNDArrayInternal().linear(x, value(ps, device, training, prefix + ".weight"),
        value(ps, device, training, prefix + ".bias")).singletonOrThrow();
  }

  private NDArray layerNorm(ParameterStore ps, Device device, boolean training, NDArray x,
      String prefix) {
    return x.getNDArrayInternal().layerNorm(x, new Shape(config.hiddenSize()),
        value(ps, device, training, prefix + ".weight"),
        value(ps, device, training, prefix + ".bias"), config.layerNormEps()).singletonOrThrow();
  }

  private static NDArray dropout(NDArray x, float rate, boolean training) {
    if (!training || rate <= 0f) {
      return x;
    }
    return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0], inputShapes[0]};
  }
}
