package io.odqa.tuner.space;

import java.util.ArrayList;
import java.util.List;

/**
 * One of a fixed list of choices: strings, numbers ({@code Long} or {@code Double}) or booleans.
 * The internal value is the choice's index, as in Optuna. Numbers are compared by value, so
 * {@code 2} and {@code 2.0} are the same choice.
 *
 * @param choices at least one, pairwise distinct
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

  /** Normalises numbers and validates the choices. */
  public CategoricalDistribution {
    if (choices == null || choices.isEmpty()) {
      throw new IllegalArgumentException("choices must hold at least 1 value, got " + choices);
    }
    List<Object> normalised = new ArrayList<>(choices.size());
    for (int i = 0; i < choices.size(); i++) {
      Object choice = normalise(choices.get(i));
      if (choice == null) {
        throw new IllegalArgumentException("choices[" + i
            + "] must be a string, a number or a boolean, got " + choices.get(i));
      }
      for (int j = 0; j < normalised.size(); j++) {
        if (same(normalised.get(j), choice)) {
          throw new IllegalArgumentException(
              "choices[" + i + "] must differ from choices[" + j + "], got " + choice);
        }
      }
      normalised.add(choice);
    }
    choices = List.copyOf(normalised);
  }

  /** The index of {@code external} among the choices, or -1. */
  public int indexOf(Object external) {
    Object value = normalise(external);
    for (int i = 0; i < choices.size(); i++) {
      if (value != null && same(choices.get(i), value)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public double toInternal(Object external) {
    int index = indexOf(external);
    if (index < 0) {
      throw new IllegalArgumentException("value must be one of " + choices + ", got " + external);
    }
    return index;
  }

  @Override
  public Object toExternal(double internal) {
    int index = (int) internal;
    if (index != internal || index < 0 || index >= choices.size()) {
      throw new IllegalArgumentException("internal value must be an index in [0, "
          + (choices.size() - 1) + "], got " + internal);
    }
    return choices.get(index);
  }

  @Override
  public boolean contains(Object external) {
    return indexOf(external) >= 0;
  }

  private static Object normalise(Object value) {
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Byte || value instanceof Short || value instanceof Integer
        || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof Double) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    return null;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return a.equals(b);
  }
}
