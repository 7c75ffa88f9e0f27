package io.odqa.reader.train;

/**
 * Hyper-parameters of a fine-tuning run. The defaults are those of the reference run in the
 * reader-model issue: max length 384, stride 128, batch 32, 10% warm-up, 4 epochs, seed 0.
 *
 * @param epochs passes over the training windows
 * @param batchSize windows per update
 * @param learningRate peak AdamW learning rate
 * @param warmupRatio fraction of updates spent warming up
 * @param weightDecay AdamW decoupled weight decay (0, the Hugging Face Trainer default)
 * @param clipNorm global gradient-norm limit
 * @param seed seeds data order, dropout and everything else random
 * @param maxSeqLength tokens per window
 * @param stride tokens shared by consecutive windows
 * @param checkpointEvery updates between checkpoints (0: only at the end of each epoch)
 * @param maxSteps stop after this many updates (0: no limit), for timing and tests
 * @param topLayers {@link #ALL_LAYERS} ({@value #ALL_LAYERS}) trains every parameter; {@code k >=
 *     0} trains only the top {@code k} encoder layers and the span head, leaving the embeddings
 *     and the lower layers frozen (checked against the model's depth when training starts)
 */
public record TrainSettings(int epochs, int batchSize, float learningRate, float warmupRatio,
    float weightDecay, float clipNorm, long seed, int maxSeqLength, int stride,
    int checkpointEvery, int maxSteps, int topLayers) {
  /** The {@code topLayers} value that trains every parameter. */
  public static final int ALL_LAYERS = -1;

  public TrainSettings {
    atLeast("epochs", epochs, 1);
    atLeast("topLayers", topLayers, ALL_LAYERS);
    atLeast("batchSize", batchSize, 1);
    atLeast("checkpointEvery", checkpointEvery, 0);
    atLeast("maxSteps", maxSteps, 0);
    if (!(learningRate > 0 && learningRate < 1)) {
      throw new IllegalArgumentException("learningRate must be in (0, 1), got " + learningRate);
    }
    if (!(warmupRatio >= 0 && warmupRatio < 1)) {
      throw new IllegalArgumentException("warmupRatio must be in [0, 1), got " + warmupRatio);
    }
    if (!(weightDecay >= 0) || !(clipNorm > 0)) {
      throw new IllegalArgumentException("weightDecay must be >= 0 and clipNorm > 0, got "
          + weightDecay + " and " + clipNorm);
    }
    // The window rules are the reader's; checking them here fails before any weights load.
    io.odqa.reader.read.ReaderSettings.DEFAULT.withWindow(maxSeqLength, stride);
  }

  /** Settings that train every parameter, as every run did before partial fine-tuning. */
  public TrainSettings(int epochs, int batchSize, float learningRate, float warmupRatio,
      float weightDecay, float clipNorm, long seed, int maxSeqLength, int stride,
      int checkpointEvery, int maxSteps) {
    this(epochs, batchSize, learningRate, warmupRatio, weightDecay, clipNorm, seed, maxSeqLength,
        stride, checkpointEvery, maxSteps, ALL_LAYERS);
  }

  /** A copy that trains only the top {@code k} layers and the span head (-1: everything). */
  public TrainSettings withTopLayers(int k) {
    return new TrainSettings(epochs, batchSize, learningRate, warmupRatio, weightDecay, clipNorm,
        seed, maxSeqLength, stride, checkpointEvery, maxSteps, k);
  }

  /** A copy that stops after {@code n} updates (0: no limit). */
  public TrainSettings withMaxSteps(int n) {
    return new TrainSettings(epochs, batchSize, learningRate, warmupRatio, weightDecay, clipNorm,
        seed, maxSeqLength, stride, checkpointEvery, n, topLayers);
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
  }

  /** The reference recipe with learning rate {@code lr}. */
  public static TrainSettings reference(float lr) {
    return new TrainSettings(4, 32, lr, 0.1f, 0f, 1f, 0L, 384, 128, 0, 0);
  }
}
