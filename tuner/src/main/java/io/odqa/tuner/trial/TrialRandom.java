package io.odqa.tuner.trial;

import java.util.SplittableRandom;

/**
 * The random source of one trial, a pure function of (study seed, trial number). Deriving it
 * instead of carrying one generator through the study makes the RNG state reconstructible: a study
 * reloaded from its store after trial N draws exactly what an uninterrupted run would have drawn.
 * The two inputs are combined with the SplitMix64 finaliser (Steele et al. 2014), so consecutive
 * trial numbers start far apart in the generator's sequence rather than one step apart.
 */
public final class TrialRandom {
  private TrialRandom() {}

  /** A fresh generator for trial {@code number} of the study seeded with {@code studySeed}. */
  public static SplittableRandom forTrial(long studySeed, int number) {
    if (number < 0) {
      throw new IllegalArgumentException("number must be >= 0, got " + number);
    }
    return new SplittableRandom(mix(mix(studySeed) ^ mix(0x632BE59BD9B4E019L + number)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
