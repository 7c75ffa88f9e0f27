package io.odqa.reader.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Contract of the batch plan over random windows: every window lands in exactly one batch, no
 * batch exceeds the batch size, windows go longest first, and a batch of two or more windows
 * padded to its longest holds at most {@code 1 + maxPadding} times its real tokens.
 */
class BatchPlanTest {
  @Test
  void everyWindowOnceWithinSizeAndPadding() {
    Random r = new Random(11);
    for (int round = 0; round < 200; round++) {
      int batchSize = 1 + r.nextInt(12);
      double padding = r.nextInt(4) * 0.2;
      ReaderSettings s = new ReaderSettings(384, 128, 64, 30, 20, batchSize, padding);
      List<Window> windows = new ArrayList<>();
      for (int i = 0, n = r.nextInt(40); i < n; i++) {
        windows.add(new Window(i, 0, 1 + r.nextInt(300), 2 + r.nextInt(20)));
      }
      List<List<Window>> plan = SpanReader.batches(windows, s);
      Set<Window> seen = new HashSet<>();
      int previousLongest = Integer.MAX_VALUE;
      for (List<Window> batch : plan) {
        assertTrue(!batch.isEmpty() && batch.size() <= batchSize, "size " + batch.size());
        int longest = SpanReader.inputLength(batch.get(0));
        assertTrue(longest <= previousLongest, "longest first");
        previousLongest = longest;
        long real = 0;
        for (Window w : batch) {
          assertTrue(SpanReader.inputLength(w) <= longest);
          real += SpanReader.inputLength(w);
          assertTrue(seen.add(w), "window twice: " + w);
        }
        if (batch.size() > 1) {
          assertTrue((double) batch.size() * longest <= (1 + padding) * real + 1e-9,
              "padding over " + padding + ": " + batch);
        }
      }
      assertEquals(windows.size(), seen.size());
    }
  }

  @Test
  void equalLengthsFillBatchesAndNoPaddingSplitsUnequalOnes() {
    ReaderSettings s = new ReaderSettings(384, 128, 64, 30, 20, 2, 0.0);
    List<Window> windows = List.of(new Window(0, 0, 100, 10), new Window(1, 0, 50, 10),
        new Window(2, 0, 100, 10));
    List<List<Window>> plan = SpanReader.batches(windows, s);
    assertEquals(List.of(List.of(windows.get(0), windows.get(2)), List.of(windows.get(1))), plan);
  }
}
