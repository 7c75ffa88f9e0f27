package io.odqa.kg.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A chain of one to three relation hops, written {@code starred_actors^-1>release_year}. A
 * hop marked {@code ^-1} (inverse) walks an edge from its tail to its head, for example from
 * an actor to the movies the actor starred in. Paths compare by their written form, which is
 * the lexicographic order used to break ties.
 *
 * @param hops the hops in order, 1 to {@value #MAX_HOPS}
 */
public record RelationPath(List<Hop> hops) implements Comparable<RelationPath> {
  /** Longest path; MetaQA questions need at most three hops. */
  public static final int MAX_HOPS = 3;

  private static final Pattern RELATION = Pattern.compile("[a-z0-9_]+");
  private static final String INVERSE = "^-1";

  /**
   * One hop over a relation.
   *
   * @param relation relation (Neo4j relationship type), {@code [a-z0-9_]+}
   * @param inverse whether the edge is walked from tail to head
   */
  public record Hop(String relation, boolean inverse) {
    public Hop {
      if (relation == null || !RELATION.matcher(relation).matches()) {
        throw new IllegalArgumentException(
            "relation must match [a-z0-9_]+, got '" + relation + "'");
      }
    }

    /** Parses {@code relation} or {@code relation^-1}. */
    public static Hop parse(String text) {
      if (text == null) {
        throw new IllegalArgumentException("hop must not be null");
      }
      boolean inverse = text.endsWith(INVERSE);
      String relation = inverse ? text.substring(0, text.length() - INVERSE.length()) : text;
      try {
        return new Hop(relation, inverse);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad hop '" + text + "': " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return inverse ? relation + INVERSE : relation;
    }
  }

  public RelationPath {
    if (hops == null || hops.isEmpty() || hops.size() > MAX_HOPS) {
      throw new IllegalArgumentException("a path has 1 to " + MAX_HOPS + " hops, got "
          + (hops == null ? "null" : hops.size() + ": " + hops));
    }
    for (Hop hop : hops) {
      if (hop == null) {
        throw new IllegalArgumentException("hops must not contain null: " + hops);
      }
    }
    hops = List.copyOf(hops);
  }

  /** A path of the given hops. */
  public static RelationPath of(Hop... hops) {
    return new RelationPath(List.of(hops));
  }

  /** Parses the form written by {@link #toString()}, e.g. {@code directed_by>directed_by^-1}. */
  public static RelationPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("path must not be blank, got '" + text + "'");
    }
    List<Hop> hops = new ArrayList<>();
    for (String part : text.strip().split(">", -1)) {
      hops.add(Hop.parse(part));
    }
    try {
      return new RelationPath(hops);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad path '" + text + "': " + e.getMessage(), e);
    }
  }

  /** Number of hops. */
  public int length() {
    return hops.size();
  }

  /** This path with {@code hop} appended; fails when that would exceed {@value #MAX_HOPS}. */
  public RelationPath append(Hop hop) {
    List<Hop> longer = new ArrayList<>(hops);
    longer.add(hop);
    return new RelationPath(longer);
  }

  @Override
  public int compareTo(RelationPath other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Hop hop : hops) {
      if (s.length() > 0) {
        s.append('>');
      }
      s.append(hop);
    }
    return s.toString();
  }
}
