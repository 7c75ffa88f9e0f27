package io.odqa.reader.read;

import java.util.Arrays;

/**
 * One window after its forward pass: everything {@link SpanReader#best} needs to decode it.
 *
 * @param window where the window lies in its passage and in the model input
 * @param start start logits of the whole input row (at least up to the window's last token)
 * @param end end logits of the whole input row
 * @param tokens the tokens of the window's passage; decoding reads their character offsets
 */
public record WindowLogits(Window window, float[] start, float[] end, QaTokenizer.Tokens tokens) {
  public WindowLogits {
    if (window == null || start == null || end == null || tokens == null) {
      throw new IllegalArgumentException("window, start, end and tokens must be given");
    }
    int needed = window.contextOffset() + window.length();
    if (start.length < needed || end.length < needed) {
      throw new IllegalArgumentException("logits must cover the window's " + needed
          + " input positions, got " + start.length + " and " + end.length);
    }
    if (window.first() + window.length() > tokens.size()) {
      throw new IllegalArgumentException("window [" + window.first() + ", "
          + (window.first() + window.length()) + ") lies outside the passage's "
          + tokens.size() + " tokens");
    }
  }

  /**
   * The same window, keeping only what decoding reads: the {@code [CLS]} logit, the logits of
   * the window's passage tokens, and those tokens. Decoding normalises over exactly these
   * positions, so the compact window decodes to the same spans, bit for bit, in a fraction of
   * the memory: the form in which an evaluation cache holds logits.
   */
  public WindowLogits compact() {
    int from = window.contextOffset();
    int to = from + window.length();
    int first = window.first();
    int last = first + window.length();
    QaTokenizer.Tokens slice = new QaTokenizer.Tokens(
        Arrays.copyOfRange(tokens.ids(), first, last),
        Arrays.copyOfRange(tokens.starts(), first, last),
        Arrays.copyOfRange(tokens.ends(), first, last));
    return new WindowLogits(new Window(window.passage(), 0, window.length(), 1),
        withCls(start, from, to), withCls(end, from, to), slice);
  }

  /** This window as one of passage {@code passage} of another request. */
  public WindowLogits withPassage(int passage) {
    Window w = window;
    return new WindowLogits(new Window(passage, w.first(), w.length(), w.contextOffset()), start,
        end, tokens);
  }

  /** Bytes held by the arrays of this window: what a cache of windows counts. */
  public long bytes() {
    return 4L * (start.length + end.length) + 8L * tokens.ids().length
        + 4L * (tokens.starts().length + tokens.ends().length);
  }

  private static float[] withCls(float[] logits, int from, int to) {
    float[] out = new float[to - from + 1];
    out[0] = logits[0];
    System.arraycopy(logits, from, out, 1, to - from);
    return out;
  }
}
