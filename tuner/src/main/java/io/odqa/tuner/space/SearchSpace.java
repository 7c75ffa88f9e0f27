package io.odqa.tuner.space;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered, validated list of parameters. A conditional parameter's parent must be declared
 * before it (so the declaration order is a valid sampling order and cycles cannot occur), must be
 * categorical or int, and every value in its {@code in} list must belong to the parent's domain.
 * A child is active when its parent is active and has one of those values; nesting is allowed.
 */
public final class SearchSpace {
  private final List<Parameter> parameters;
  private final Map<String, Integer> indexByName;

  /** Validates the order, the uniqueness of names and every condition. */
  public SearchSpace(List<Parameter> parameters) {
    if (parameters == null || parameters.isEmpty()) {
      throw new IllegalArgumentException("parameters must hold at least 1 parameter, got "
          + parameters);
    }
    this.parameters = List.copyOf(parameters);
    this.indexByName = new HashMap<>();
    for (int i = 0; i < this.parameters.size(); i++) {
      Parameter p = this.parameters.get(i);
      if (indexByName.containsKey(p.name())) {
        throw new IllegalArgumentException("parameters[" + i + "].name must be unique, got \""
            + p.name() + "\" (already parameters[" + indexByName.get(p.name()) + "])");
      }
      if (p.when() != null) {
        checkCondition(i, p.when());
      }
      indexByName.put(p.name(), i);
    }
  }

  private void checkCondition(int i, Condition when) {
    String at = "parameters[" + i + "].when";
    Integer parentIndex = indexByName.get(when.parent());
    if (parentIndex == null) {
      throw new IllegalArgumentException(at + ".parent must name a parameter declared before it "
          + indexByName.keySet().stream().sorted().toList() + ", got \"" + when.parent() + "\"");
    }
    Distribution parent = parameters.get(parentIndex).distribution();
    if (parent instanceof FloatDistribution) {
      throw new IllegalArgumentException(at + ".parent must be a categorical or int parameter, got"
          + " float parameter \"" + when.parent() + "\"");
    }
    for (int k = 0; k < when.in().size(); k++) {
      if (!parent.contains(when.in().get(k))) {
        throw new IllegalArgumentException(at + ".in[" + k + "] must be a value of " + parent
            + ", got " + when.in().get(k));
      }
    }
  }

  /** The parameters in declaration order (parents before children). */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The parameter called {@code name}; throws if there is none. */
  public Parameter get(String name) {
    Integer index = indexByName.get(name);
    if (index == null) {
      throw new IllegalArgumentException("name must be one of " + names() + ", got \"" + name
          + "\"");
    }
    return parameters.get(index);
  }

  /** The names, in declaration order. */
  public List<String> names() {
    return parameters.stream().map(Parameter::name).toList();
  }

  /** True when this space has a conditional parameter. */
  public boolean isConditional() {
    return parameters.stream().anyMatch(p -> p.when() != null);
  }

  /**
   * True when {@code parameter} is active given the values chosen so far for the parameters
   * declared before it ({@code chosen} holds only active parameters).
   */
  public boolean isActive(Parameter parameter, Map<String, Object> chosen) {
    Condition when = parameter.when();
    if (when == null) {
      return true;
    }
    Object parentValue = chosen.get(when.parent());
    if (parentValue == null) {
      return false;
    }
    Distribution parent = get(when.parent()).distribution();
    double internal = parent.toInternal(parentValue);
    for (Object value : when.in()) {
      if (parent.toInternal(value) == internal) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks that {@code params} holds exactly the active parameters, each in its domain, and returns
   * them in declaration order with canonical value types ({@code Long}, {@code Double}, choice).
   */
  public Map<String, Object> canonical(Map<String, ?> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      boolean active = isActive(p, out);
      Object value = params.get(p.name());
      if (active && value == null) {
        throw new IllegalArgumentException("params must hold active parameter \"" + p.name()
            + "\", got " + params.keySet());
      }
      if (active) {
        out.put(p.name(), p.distribution().toExternal(p.distribution().toInternal(value)));
      } else if (value != null) {
        throw new IllegalArgumentException("params must not hold inactive parameter \""
            + p.name() + "\", got " + value);
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SearchSpace s && s.parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return parameters.hashCode();
  }

  @Override
  public String toString() {
    return "SearchSpace" + new ArrayList<>(parameters);
  }
}
