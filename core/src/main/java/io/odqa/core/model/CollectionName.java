package io.odqa.core.model;

import java.util.regex.Pattern;

/**
 * The name of a collection: a separate passage index and a namespace in the graph. Names are
 * used as directory names, so they are restricted to lower-case letters, digits, '-' and '_'.
 */
public record CollectionName(String value) {
  // Declared before DEFAULT: static fields initialise in order, and DEFAULT's check uses it.
  private static final Pattern LEGAL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** The collection used when a request names none. */
  public static final CollectionName DEFAULT = new CollectionName("default");

  public CollectionName {
    if (value == null || !LEGAL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "collection must match [a-z0-9][a-z0-9_-]{0,63}, got "
              + (value == null ? "null" : "\"" + value + "\""));
    }
  }

  /** Parses {@code value}, falling back to {@link #DEFAULT} when it is null or blank. */
  public static CollectionName orDefault(String value) {
    return value == null || value.isBlank() ? DEFAULT : new CollectionName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
