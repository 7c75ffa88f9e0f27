package io.odqa.reader.read;

/**
 * How passages become model inputs and logits become answers.
 *
 * @param maxSeqLength tokens per window including {@code [CLS]} and two {@code [SEP]}, in [32, 512]
 * @param stride tokens shared by consecutive windows of one passage (Hugging Face's {@code
 *     doc_stride}), in [0, maxSeqLength / 2]
 * @param maxQuestionTokens question tokens kept; longer questions are cut, in [4, 128]
 * @param maxAnswerTokens longest answer span in tokens, in [1, 100]
 * @param nBest start and end candidates per window, and answers returned, in [1, 100]
 * @param batchSize windows per forward pass, in [1, 1024]
 * @param maxPadding padding a batch may carry, as a fraction of its real tokens, in [0, 100]:
 *     windows are batched longest first, and a window joins a batch only while the batch padded
 *     to its longest window holds at most {@code 1 + maxPadding} times its real tokens (on a
 *     CPU, padding is pure waste; on a GPU a larger batch may be worth some)
 */
public record ReaderSettings(int maxSeqLength, int stride, int maxQuestionTokens,
    int maxAnswerTokens, int nBest, int batchSize, double maxPadding) {
  /**
   * The settings of the fine-tuning reference: 384 tokens, stride 128, answers up to 30 tokens;
   * batches of up to 32 windows with at most a quarter of padding.
   */
  public static final ReaderSettings DEFAULT = new ReaderSettings(384, 128, 64, 30, 20, 32, 0.25);

  /** Settings with {@link #DEFAULT}'s padding allowance. */
  public ReaderSettings(int maxSeqLength, int stride, int maxQuestionTokens, int maxAnswerTokens,
      int nBest, int batchSize) {
    this(maxSeqLength, stride, maxQuestionTokens, maxAnswerTokens, nBest, batchSize, 0.25);
  }

  public ReaderSettings {
    range("maxSeqLength", maxSeqLength, 32, 512);
    range("stride", stride, 0, maxSeqLength / 2);
    range("maxQuestionTokens", maxQuestionTokens, 4, 128);
    range("maxAnswerTokens", maxAnswerTokens, 1, 100);
    range("nBest", nBest, 1, 100);
    range("batchSize", batchSize, 1, 1024);
    if (!(maxPadding >= 0 && maxPadding <= 100)) {
      throw new IllegalArgumentException("maxPadding must be in [0, 100], got " + maxPadding);
    }
    if (maxSeqLength - maxQuestionTokens - 3 <= stride) {
      throw new IllegalArgumentException("maxSeqLength " + maxSeqLength + " leaves no room for "
          + "a window after " + maxQuestionTokens + " question tokens and stride " + stride);
    }
  }

  private static void range(String name, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
  }

  /** Copy with other window settings; the question keeps at most a quarter of a window. */
  public ReaderSettings withWindow(int maxSeqLength, int stride) {
    return new ReaderSettings(maxSeqLength, stride,
        Math.min(maxQuestionTokens, Math.max(4, maxSeqLength / 4)), maxAnswerTokens, nBest,
        batchSize, maxPadding);
  }

  /** Copy with other n-best and batch sizes. */
  public ReaderSettings withBatching(int nBest, int batchSize) {
    return new ReaderSettings(maxSeqLength, stride, maxQuestionTokens, maxAnswerTokens, nBest,
        batchSize, maxPadding);
  }

  /** Copy with another padding allowance. */
  public ReaderSettings withMaxPadding(double maxPadding) {
    return new ReaderSettings(maxSeqLength, stride, maxQuestionTokens, maxAnswerTokens, nBest,
        batchSize, maxPadding);
  }

  /** Copy with another answer length. */
  public ReaderSettings withMaxAnswerTokens(int tokens) {
    return new ReaderSettings(maxSeqLength, stride, maxQuestionTokens, tokens, nBest, batchSize,
        maxPadding);
  }
}
