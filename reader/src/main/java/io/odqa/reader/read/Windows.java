package io.odqa.reader.read;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays passages out as {@code [CLS] question [SEP] window [SEP]} inputs. A passage longer than
 * one window is covered by windows that overlap by {@code stride} tokens, as in BERT's SQuAD
 * recipe, so that every answer lies whole inside at least one window when it is no longer than
 * the stride.
 */
public final class Windows {
  private Windows() {}

  /** The windows over {@code passages}, in passage order. */
  public static List<Window> plan(int questionTokens, List<QaTokenizer.Tokens> passages,
      ReaderSettings s) {
    int q = Math.min(questionTokens, s.maxQuestionTokens());
    int budget = s.maxSeqLength() - q - 3;
    int step = budget - s.stride();
    List<Window> out = new ArrayList<>();
    for (int p = 0; p < passages.size(); p++) {
      int n = passages.get(p).size();
      for (int first = 0; ; first += step) {
        int length = Math.min(budget, n - first);
        out.add(new Window(p, first, Math.max(length, 0), q + 2));
        if (first + budget >= n) {
          break;
        }
      }
    }
    return out;
  }

  /**
   * Input ids, attention mask and token types for {@code windows}, right-padded to the longest.
   * Returns {@code [3][windows][seq]}.
   */
  public static long[][][] tensors(long cls, long sep, long[] question,
      List<QaTokenizer.Tokens> passages, List<Window> windows) {
    int longest = 0;
    for (Window w : windows) {
      longest = Math.max(longest, w.contextOffset() + w.length() + 1);
    }
    long[][][] out = new long[3][windows.size()][longest];
    for (int b = 0; b < windows.size(); b++) {
      Window w = windows.get(b);
      long[] ids = out[0][b];
      int q = w.contextOffset() - 2;
      ids[0] = cls;
      System.arraycopy(question, 0, ids, 1, q);
      ids[q + 1] = sep;
      System.arraycopy(passages.get(w.passage()).ids(), w.first(), ids, w.contextOffset(),
          w.length());
      int last = w.contextOffset() + w.length();
      ids[last] = sep;
      java.util.Arrays.fill(out[1][b], 0, last + 1, 1L);
      java.util.Arrays.fill(out[2][b], w.contextOffset(), last + 1, 1L);
    }
    return out;
  }
}
