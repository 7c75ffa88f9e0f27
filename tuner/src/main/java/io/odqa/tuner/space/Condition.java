package io.odqa.tuner.space;

import java.util.List;

/**
 * Makes a parameter active only when its parent is active and takes one of the listed values
 * (JSON: {@code "when": {"parent": "name", "in": [values]}}).
 *
 * @param parent the name of the parent parameter
 * @param in the parent's values that activate the child, at least one
 */
public record Condition(String parent, List<Object> in) {

  /** Validates and copies. */
  public Condition {
    if (parent == null || parent.isBlank()) {
      throw new IllegalArgumentException("parent must be a non-blank name, got " + parent);
    }
    if (in == null || in.isEmpty()) {
      throw new IllegalArgumentException("in must hold at least 1 value, got " + in);
    }
    in = List.copyOf(in);
  }
}
