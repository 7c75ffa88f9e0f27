package io.odqa.tuner.space;

import java.util.Optional;

/**
 * One knob of the search space.
 *
 * @param name unique within the space, non-blank
 * @param distribution its domain
 * @param when the activation condition, or {@code null} for an always-active parameter
 */
public record Parameter(String name, Distribution distribution, Condition when) {

  /** Validates. */
  public Parameter {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must be a non-blank string, got " + name);
    }
    if (distribution == null) {
      throw new IllegalArgumentException("distribution of " + name + " must not be null");
    }
  }

  /** An always-active parameter. */
  public static Parameter of(String name, Distribution distribution) {
    return new Parameter(name, distribution, null);
  }

  /** The activation condition, if any. */
  public Optional<Condition> condition() {
    return Optional.ofNullable(when);
  }
}
