package io.odqa.qa.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining pads with zeros to the longest part; splitting returns each part's own shape. */
class BatchesTest {
  private static long[][][] part(long[]... ids) {
    long[][][] p = new long[3][ids.length][];
    for (int r = 0; r < ids.length; r++) {
      p[0][r] = ids[r];
      p[1][r] = new long[ids[r].length];
      java.util.Arrays.fill(p[1][r], 1L);
      p[2][r] = new long[ids[r].length];
    }
    return p;
  }

  @Test
  void joinPadsEveryRowToTheLongestWithMaskedZeros() {
    long[][][] a = part(new long[] {101, 7, 102});
    long[][][] b = part(new long[] {101, 8, 9, 10, 102}, new long[] {101, 11, 12, 13, 102});
    long[][][] joined = Batches.join(List.of(a, b));
    assertEquals(3, joined[0].length);
    assertArrayEquals(new long[] {101, 7, 102, 0, 0}, joined[0][0]);
    assertArrayEquals(new long[] {1, 1, 1, 0, 0}, joined[1][0]);
    assertArrayEquals(new long[] {0, 0, 0, 0, 0}, joined[2][0]);
    assertArrayEquals(new long[] {101, 11, 12, 13, 102}, joined[0][2]);
  }

  @Test
  void splitGivesEachPartItsRowsAndLength() {
    long[][][] a = part(new long[] {1, 2});
    long[][][] b = part(new long[] {1, 2, 3}, new long[] {4, 5, 6});
    float[][][] logits = {
        {{0.1f, 0.2f, 9f}, {1f, 2f, 3f}, {4f, 5f, 6f}},
        {{-0.1f, -0.2f, 9f}, {-1f, -2f, -3f}, {-4f, -5f, -6f}}};
    float[][][][] parts = Batches.split(logits, List.of(a, b));
    assertArrayEquals(new float[] {0.1f, 0.2f}, parts[0][0][0]);
    assertArrayEquals(new float[] {-0.1f, -0.2f}, parts[0][1][0]);
    assertEquals(2, parts[1][0].length);
    assertArrayEquals(new float[] {4f, 5f, 6f}, parts[1][0][1]);
    assertArrayEquals(new float[] {-1f, -2f, -3f}, parts[1][1][0]);
  }
}
