package io.odqa.kg.resolve;

import java.util.Locale;

/**
 * The Neo4j relationship type of a relation name or phrase: lower-case words joined by
 * underscores ({@code directed_by}, {@code was_open_sourced_by}). Relations are stored as
 * native relationship types rather than a generic {@code REL {type}} because graph QA expands
 * paths by type, which Neo4j does from the relationship record without reading properties.
 * The result is safe to splice into Cypher between backticks: only {@code [a-z0-9_]}.
 */
public final class RelationType {
  /** Longest type name kept; longer phrases are cut at a word boundary. */
  public static final int MAX_LENGTH = 64;

  private RelationType() {}

  /** The type of {@code relation}; empty when it has no letters or digits. */
  public static String of(String relation) {
    String s = relation.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]+", "_")
        .replaceAll("[^a-z0-9_]", "").replaceAll("_+", "_").replaceAll("^_|_$", "");
    if (s.length() > MAX_LENGTH) {
      int cut = s.lastIndexOf('_', MAX_LENGTH);
      s = s.substring(0, cut > 0 ? cut : MAX_LENGTH);
    }
    if (!s.isEmpty() && !Character.isLetter(s.charAt(0))) {
      s = "r_" + s;
    }
    return s;
  }
}
