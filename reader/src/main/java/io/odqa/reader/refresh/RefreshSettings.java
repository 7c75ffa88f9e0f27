package io.odqa.reader.refresh;

import io.odqa.reader.train.TrainSettings;

/**
 * Hyper-parameters of a reader refresh. Warm-up, weight decay and gradient clipping are those of
 * the reference recipe ({@link TrainSettings#reference}); what a refresh changes is how much of
 * the model it trains and how strongly feedback counts against the replay sample.
 *
 * @param epochs passes over the mixed windows
 * @param batchSize windows per update
 * @param learningRate peak AdamW learning rate; lower than a first fine-tune's, since the champion
 *     is already trained
 * @param topLayers encoder layers trained from the top, with the span head; -1 trains every
 *     parameter (sensible on a GPU only)
 * @param seed seeds data order and dropout
 * @param maxSeqLength tokens per window
 * @param stride tokens shared by consecutive windows
 * @param feedbackRepeats how many times each feedback example occurs in the mix
 */
public record RefreshSettings(int epochs, int batchSize, float learningRate, int topLayers,
    long seed, int maxSeqLength, int stride, int feedbackRepeats) {
  /**
   * Defaults suited to a CPU: the top 2 layers and the head, 2 epochs of batches of 16 at 5e-5,
   * the reader's 384-token windows with stride 128, each feedback example once.
   */
  public static final RefreshSettings CPU = new RefreshSettings(2, 16, 5e-5f, 2, 0L, 384, 128, 1);

  public RefreshSettings {
    if (feedbackRepeats < 1) {
      throw new IllegalArgumentException("feedbackRepeats must be at least 1, got "
          + feedbackRepeats);
    }
    // The trainer's settings check every other field, naming it, before any weights load.
    toTrainSettings(epochs, batchSize, learningRate, topLayers, seed, maxSeqLength, stride);
  }

  /** The trainer's settings for this refresh. */
  public TrainSettings trainSettings() {
    return toTrainSettings(epochs, batchSize, learningRate, topLayers, seed, maxSeqLength, stride);
  }

  private static TrainSettings toTrainSettings(int epochs, int batchSize, float learningRate,
      int topLayers, long seed, int maxSeqLength, int stride) {
    TrainSettings reference = TrainSettings.reference(learningRate);
    return new TrainSettings(epochs, batchSize, learningRate, reference.warmupRatio(),
        reference.weightDecay(), reference.clipNorm(), seed, maxSeqLength, stride, 0, 0,
        topLayers);
  }

  /** These settings with {@code k} top layers trained (-1: all). */
  public RefreshSettings withTopLayers(int k) {
    return new RefreshSettings(epochs, batchSize, learningRate, k, seed, maxSeqLength, stride,
        feedbackRepeats);
  }
}
