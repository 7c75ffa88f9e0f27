package io.odqa.feedback.api;

import jakarta.ws.rs.BadRequestException;

/**
 * A page request read from query parameters. They arrive as strings so that a value that is not
 * a number gets a 400 problem naming it, rather than the 404 JAX-RS gives an unparsable
 * parameter.
 *
 * @param limit items per page, in {@code [1, max]}
 * @param offset items skipped, {@code >= 0}
 */
record Paging(int limit, int offset) {

  /** Parses {@code limit} (default {@code defaultLimit}, at most {@code max}) and {@code offset}. */
  static Paging of(String limit, String offset, int defaultLimit, int max) {
    return new Paging(integer("limit", limit, defaultLimit, 1, max),
        integer("offset", offset, 0, 0, Integer.MAX_VALUE));
  }

  /** {@code value} as an int in {@code [min, max]}, {@code fallback} when absent or blank. */
  static int integer(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be an integer in [" + min + ", " + max
          + "], got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new BadRequestException(name + " must be in [" + min + ", " + max + "], got "
          + parsed);
    }
    return parsed;
  }

  /** {@code value} when it is one of {@code legal} or absent (null); otherwise a 400. */
  static String oneOf(String name, String value, java.util.List<String> legal) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!legal.contains(value)) {
      throw new BadRequestException(name + " must be one of " + legal + ", got '" + value + "'");
    }
    return value;
  }

  /** {@code value} as a collection name, or null when absent; an illegal name is a 400. */
  static String collection(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return new io.odqa.core.model.CollectionName(value).value();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
