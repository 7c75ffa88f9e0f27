package io.odqa.reader.bench;

import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.Span;
import io.odqa.reader.read.SpanReader;
import io.odqa.reader.read.WindowLogits;
import java.util.List;

/**
 * How closely two engines agree on the same windows: the largest absolute difference of their
 * start and end logits over each window's real tokens ({@code [CLS]} to the last {@code [SEP]};
 * padding is never decoded), and the share of windows whose best span, decoded as the service
 * decodes it ({@link SpanReader#best}), is the same character range (or absent in both).
 */
final class SpanAgreement {
  private final ReaderSettings settings;
  private double maxAbsDiff;
  private int windows;
  private int sameSpan;

  SpanAgreement(ReaderSettings settings) {
    this.settings = settings;
  }

  /** Adds one batch: its windows and both engines' logits {@code [2][rows][seq]}. */
  void add(List<BenchWindows.Item> batch, float[][][] ours, float[][][] peer) {
    for (int b = 0; b < batch.size(); b++) {
      BenchWindows.Item item = batch.get(b);
      int real = item.length();
      for (int k = 0; k < 2; k++) {
        for (int t = 0; t < real; t++) {
          maxAbsDiff = Math.max(maxAbsDiff, Math.abs(ours[k][b][t] - peer[k][b][t]));
        }
      }
      Span a = best(item, ours[0][b], ours[1][b]);
      Span p = best(item, peer[0][b], peer[1][b]);
      boolean same = a == null ? p == null
          : p != null && a.start() == p.start() && a.end() == p.end();
      windows++;
      sameSpan += same ? 1 : 0;
    }
  }

  private Span best(BenchWindows.Item item, float[] start, float[] end) {
    List<Span> spans = SpanReader.best(
        List.of(new WindowLogits(item.window(), start, end, item.tokens())),
        List.of(item.passage()), settings);
    return spans.isEmpty() ? null : spans.get(0);
  }

  /** Largest |ours - peer| over every real token of every window added. */
  double maxAbsDiff() {
    return maxAbsDiff;
  }

  /** Windows compared. */
  int windows() {
    return windows;
  }

  /** Windows whose best span is the same in both engines. */
  int sameSpan() {
    return sameSpan;
  }

  /** Share of windows with the same best span; 1 when none were compared. */
  double spanAgreement() {
    return windows == 0 ? 1 : (double) sameSpan / windows;
  }
}
