package io.odqa.reader.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SquadMetricsTest {
  @Test
  void normalisesLikeTheOfficialScript() {
    assertEquals("denver broncos", SquadMetrics.normalise("The Denver Broncos!"));
    assertEquals("40", SquadMetrics.normalise(" 40% "));
    assertEquals("apple inc", SquadMetrics.normalise("an Apple, Inc."));
  }

  @Test
  void exactMatchAndF1() {
    List<String> gold = List.of("about 3.5 billion people", "3.5 billion");
    assertEquals(1.0, SquadMetrics.exactMatch("3.5 billion", gold));
    assertEquals(0.0, SquadMetrics.exactMatch("3.5 billion humans", gold));
    // "35 billion humans" vs "35 billion": 2 common, precision 2/3, recall 1 -> 0.8
    assertEquals(0.8, SquadMetrics.f1("3.5 billion humans", gold), 1e-9);
    assertEquals(0.0, SquadMetrics.f1("Malmö", gold));
  }
}
