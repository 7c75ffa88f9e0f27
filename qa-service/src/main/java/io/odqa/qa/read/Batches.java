package io.odqa.qa.read;

import java.util.Arrays;
import java.util.List;

/**
 * Joins the reader inputs of several requests into one forward pass and splits the logits
 * back. Inputs are {@code [3][rows][seq]} (ids, attention mask, token types); a joined batch is
 * right-padded with zeros to its longest sequence, and the padded positions are masked out, so
 * each request's logits over its own positions are what a pass of its own would give (up to
 * floating-point summation order).
 */
final class Batches {
  private Batches() {}

  /** Rows of all {@code parts} in order, each padded with zeros to the longest sequence. */
  static long[][][] join(List<long[][][]> parts) {
    int rows = 0;
    int seq = 0;
    for (long[][][] p : parts) {
      rows += p[0].length;
      seq = Math.max(seq, p[0][0].length);
    }
    long[][][] out = new long[3][rows][];
    int row = 0;
    for (long[][][] p : parts) {
      for (int r = 0; r < p[0].length; r++, row++) {
        for (int t = 0; t < 3; t++) {
          out[t][row] = p[t][r].length == seq ? p[t][r] : Arrays.copyOf(p[t][r], seq);
        }
      }
    }
    return out;
  }

  /**
   * Logits {@code [2][rows][seq]} of a joined pass, cut back into one {@code [2][rows_i][seq_i]}
   * per part, in the order of {@code parts}.
   */
  static float[][][][] split(float[][][] logits, List<long[][][]> parts) {
    float[][][][] out = new float[parts.size()][][][];
    int row = 0;
    for (int i = 0; i < parts.size(); i++) {
      int rows = parts.get(i)[0].length;
      int seq = parts.get(i)[0][0].length;
      float[][][] mine = new float[2][rows][];
      for (int r = 0; r < rows; r++, row++) {
        for (int k = 0; k < 2; k++) {
          float[] full = logits[k][row];
          mine[k][r] = full.length == seq ? full : Arrays.copyOf(full, seq);
        }
      }
      out[i] = mine;
    }
    return out;
  }
}
