package io.odqa.reader.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The architecture fields of a Hugging Face BERT-family {@code config.json}.
 *
 * @param vocabSize rows of the word-embedding table
 * @param hiddenSize width of every hidden state
 * @param layers number of transformer layers
 * @param heads attention heads per layer; must divide {@code hiddenSize}
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions rows of the position-embedding table, i.e. the longest input
 * @param typeVocabSize rows of the token-type table
 * @param layerNormEps epsilon of every LayerNorm
 * @param hiddenDropout dropout on hidden states during training
 * @param attentionDropout dropout on attention probabilities during training
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads,
    int intermediateSize, int maxPositions, int typeVocabSize, float layerNormEps,
    float hiddenDropout, float attentionDropout) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public BertConfig {
    positive("vocab_size", vocabSize);
    positive("hidden_size", hiddenSize);
    positive("num_hidden_layers", layers);
    positive("num_attention_heads", heads);
    positive("intermediate_size", intermediateSize);
    positive("max_position_embeddings", maxPositions);
    positive("type_vocab_size", typeVocabSize);
    if (hiddenSize % heads != 0) {
      throw new IllegalArgumentException("hidden_size " + hiddenSize
          + " is not a multiple of num_attention_heads " + heads);
    }
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  /** Width of one attention head. */
  public int headSize() {
    return hiddenSize / heads;
  }

  /** Reads {@code config.json}; a missing architecture field names itself. */
  public static BertConfig read(Path file) throws IOException {
    JsonNode n = JSON.readTree(file.toFile());
    String act = n.path("hidden_act").asText("gelu");
    if (!act.equals("gelu")) {
      throw new IOException(file + ": hidden_act '" + act + "' is not supported (only gelu)");
    }
    return new BertConfig(required(n, "vocab_size", file), required(n, "hidden_size", file),
        required(n, "num_hidden_layers", file), required(n, "num_attention_heads", file),
        required(n, "intermediate_size", file), n.path("max_position_embeddings").asInt(512),
        n.path("type_vocab_size").asInt(2), (float) n.path("layer_norm_eps").asDouble(1e-12),
        (float) n.path("hidden_dropout_prob").asDouble(0.1),
        (float) n.path("attention_probs_dropout_prob").asDouble(0.1));
  }

  private static int required(JsonNode n, String field, Path file) throws IOException {
    if (!n.has(field)) {
      throw new IOException(file + ": missing '" + field + "'");
    }
    return n.get(field).asInt();
  }

  /** Writes a {@code config.json} that Hugging Face transformers also loads. */
  public void write(Path file) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.putArray("architectures").add("BertForQuestionAnswering");
    n.put("model_type", "bert");
    n.put("vocab_size", vocabSize);
    n.put("hidden_size", hiddenSize);
    n.put("num_hidden_layers", layers);
    n.put("num_attention_heads", heads);
    n.put("intermediate_size", intermediateSize);
    n.put("hidden_act", "gelu");
    n.put("max_position_embeddings", maxPositions);
    n.put("type_vocab_size", typeVocabSize);
    n.put("layer_norm_eps", layerNormEps);
    n.put("hidden_dropout_prob", hiddenDropout);
    n.put("attention_probs_dropout_prob", attentionDropout);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
  }
}
