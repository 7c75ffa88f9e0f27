package io.odqa.reader.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches wrap around the windows in order and are right-padded with zeros to their longest. */
class BenchWindowsTest {
  @Test
  void batchesWrapAndPadToTheirLongestWindowOnly() {
    BenchWindows w = new BenchWindows(List.of(item(101, 7, 102), item(101, 8, 9, 102),
        item(101, 5, 102)), 3, 0);
    assertEquals(List.of(w.items().get(2), w.items().get(0)), w.batch(1, 2));
    long[][][] in = BenchWindows.pad(w.batch(0, 2));
    assertArrayEquals(new long[][] {{101, 7, 102, 0}, {101, 8, 9, 102}}, in[0]);
    assertArrayEquals(new long[][] {{1, 1, 1, 0}, {1, 1, 1, 1}}, in[1]);
    assertArrayEquals(new long[][] {{0, 1, 1, 0}, {0, 1, 1, 1}}, in[2]);
    assertEquals(10 / 3.0, w.meanLength(), 1e-12);
  }

  @Test
  void noWindowsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> new BenchWindows(List.of(), 2, 2));
  }

  /** A window whose input is {@code ids}: mask all ones, token type 1 after the first token. */
  private static BenchWindows.Item item(long... ids) {
    int n = ids.length - 2;
    long[] mask = new long[ids.length];
    long[] types = new long[ids.length];
    java.util.Arrays.fill(mask, 1);
    java.util.Arrays.fill(types, 1, ids.length, 1);
    QaTokenizer.Tokens tokens = new QaTokenizer.Tokens(java.util.Arrays.copyOfRange(ids, 1,
        n + 1), new int[n], new int[n]);
    return new BenchWindows.Item(new Window(0, 0, n, 1), tokens, "x".repeat(n),
        new long[][][] {{ids}, {mask}, {types}});
  }
}
