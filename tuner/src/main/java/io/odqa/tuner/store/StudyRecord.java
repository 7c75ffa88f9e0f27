package io.odqa.tuner.store;

import io.odqa.tuner.trial.Direction;

/**
 * The stored definition of a study. The sampler is not stored: it is a strategy the caller
 * supplies again on resume.
 *
 * @param name unique study name
 * @param direction minimise or maximise
 * @param spaceJson the search space as canonical JSON ({@code SearchSpaceJson.write})
 * @param seed the seed every trial's random source derives from
 */
public record StudyRecord(String name, Direction direction, String spaceJson, long seed) {

  /** Validates. */
  public StudyRecord {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must be a non-blank string, got " + name);
    }
    if (direction == null) {
      throw new IllegalArgumentException("direction must not be null");
    }
    if (spaceJson == null || spaceJson.isBlank()) {
      throw new IllegalArgumentException("spaceJson must be a non-blank string");
    }
  }
}
