package io.odqa.feedback.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GateTest {
  private final Gate gate = new Gate(0.01, 2_000, 20, 7L);

  @Test
  void clearlyBetterCandidateIsPromoted() {
    double[] champion = new double[100];
    double[] candidate = new double[100];
    for (int i = 0; i < 100; i++) {
      champion[i] = i % 2;
      candidate[i] = i % 5 == 0 ? 0 : 1;
    }
    GateDecision d = gate.decide(champion, candidate);
    assertTrue(d.promoted(), d.reason());
    assertEquals(0.3, d.delta(), 1e-12);
    assertTrue(d.ciLow() > 0 && d.ciHigh() >= d.delta());
    assertEquals("promoted", d.decision());
  }

  @Test
  void damagedCandidateIsRejectedWithItsNumbers() {
    double[] champion = new double[60];
    double[] candidate = new double[60];
    java.util.Arrays.fill(champion, 0.8);
    java.util.Arrays.fill(candidate, 0.1);
    GateDecision d = gate.decide(champion, candidate);
    assertFalse(d.promoted());
    assertEquals(-0.7, d.delta(), 1e-12);
    assertEquals(60, d.n());
    assertTrue(d.reason().contains("below the margin"), d.reason());
  }

  @Test
  void gainWhoseIntervalIncludesZeroIsRejected() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] champion = new double[40];
    double[] candidate = new double[40];
    for (int i = 0; i < 40; i++) {
      champion[i] = rng.nextDouble();
      candidate[i] = champion[i] + (i % 2 == 0 ? 0.5 : -0.46);
    }
    GateDecision d = gate.decide(champion, candidate);
    assertFalse(d.promoted());
    assertTrue(d.delta() >= 0.01 && d.ciLow() <= 0, d.toString());
    assertTrue(d.reason().contains("includes zero"), d.reason());
  }

  @Test
  void tooFewQuestionsDecideNothing() {
    GateDecision d = gate.decide(new double[] {0, 0}, new double[] {1, 1});
    assertFalse(d.promoted());
    assertTrue(d.reason().contains("needs 20"), d.reason());
  }

  @Test
  void sameSeedSameInterval() {
    double[] a = {0.1, 0.5, 0.9, 0.3, 0.2};
    double[] b = {0.4, 0.5, 1.0, 0.3, 0.6};
    assertEquals(PairedBootstrap.interval(a, b, 500, 1), PairedBootstrap.interval(a, b, 500, 1));
  }

  @Test
  void unpairedScoresAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PairedBootstrap.interval(new double[2], new double[3], 500, 0));
    assertTrue(e.getMessage().contains("paired"));
  }
}
