package io.odqa.reader.train;

import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.Window;
import io.odqa.reader.read.Windows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled training windows, laid out exactly as the reader lays out inference windows. A window
 * that holds the whole first gold answer is labelled with the answer's first and last token
 * (positions in the model input); a window that does not is labelled {@code [CLS]} (position 0),
 * the standard BERT SQuAD recipe.
 */
public final class Features {
  /** One window of one question, with its labels. */
  public record Feature(int question, Window window, int startLabel, int endLabel) {}

  private Features() {}

  /** Every window of every question that has a locatable answer. */
  public static List<Feature> training(TokenizedSet set, ReaderSettings s) {
    List<Feature> out = new ArrayList<>();
    for (int qi = 0; qi < set.questions().size(); qi++) {
      TokenizedSet.Question q = set.questions().get(qi);
      if (q.answerStart() < 0) {
        continue;
      }
      TokenizedSet.Context c = set.contexts().get(q.context());
      int charStart = q.answerStart();
      int charEnd = charStart + q.answers().get(0).length();
      int first = -1;
      int last = -1;
      for (int t = 0; t < c.ids().length; t++) {
        if (first < 0 && c.ends()[t] > charStart) {
          first = t;
        }
        if (c.starts()[t] < charEnd) {
          last = t;
        }
      }
      if (first < 0 || last < first) {
        continue;
      }
      int qLen = Math.min(q.ids().length, s.maxQuestionTokens());
      for (Window w : Windows.plan(qLen, List.of(c.tokens()), s)) {
        boolean inside = first >= w.first() && last < w.first() + w.length();
        int start = inside ? w.contextOffset() + first - w.first() : 0;
        int end = inside ? w.contextOffset() + last - w.first() : 0;
        out.add(new Feature(qi, w, start, end));
      }
    }
    return out;
  }

  /** Inputs {@code [3][batch][seq]} for {@code batch}, padded to its longest window. */
  public static long[][][] inputs(TokenizedSet set, List<Feature> batch) {
    long[][][] rows = new long[3][batch.size()][];
    int longest = 0;
    for (int b = 0; b < batch.size(); b++) {
      Feature f = batch.get(b);
      TokenizedSet.Question q = set.questions().get(f.question());
      long[] ids = Arrays.copyOf(q.ids(), f.window().contextOffset() - 2);
      long[][][] one = Windows.tensors(set.cls(), set.sep(), ids,
          List.of(set.contexts().get(q.context()).tokens()),
          List.of(new Window(0, f.window().first(), f.window().length(), f.window().contextOffset())));
      for (int k = 0; k < 3; k++) {
        rows[k][b] = one[k][0];
      }
      longest = Math.max(longest, one[0][0].length);
    }
    for (int k = 0; k < 3; k++) {
      for (int b = 0; b < batch.size(); b++) {
        rows[k][b] = Arrays.copyOf(rows[k][b], longest);
      }
    }
    return rows;
  }
}
