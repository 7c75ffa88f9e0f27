package io.odqa.core.model;

/** Argument checks whose messages name the parameter, the bad value and the legal range. */
public final class Checks {
  private Checks() {}

  /** Returns {@code value} if it is non-null and not blank. */
  public static String requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-blank string, got " + quote(value));
    }
    return value;
  }

  /** Returns {@code value} if it lies in {@code [min, max]}. */
  public static int requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  /** Returns {@code value} if it is finite and lies in {@code [min, max]}. */
  public static double requireRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be a finite number in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  private static String quote(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
