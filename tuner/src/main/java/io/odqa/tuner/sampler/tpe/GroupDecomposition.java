package io.odqa.tuner.sampler.tpe;

import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The relative search spaces of multivariate TPE. With grouping (Optuna's
 * {@code _GroupDecomposedSearchSpace}) every trial's parameter set splits the current groups into
 * their intersection with it and the remainder, so parameters end up grouped exactly when they
 * were always active together. Without grouping there is one group: the parameters active in every
 * trial (Optuna's {@code IntersectionSearchSpace}). Groups list names in search-space order and are
 * ordered by their first parameter, so the result never depends on hash order.
 */
final class GroupDecomposition {
  private GroupDecomposition() {}

  /** The co-occurrence groups of the parameters seen in {@code trials}. */
  static List<List<String>> groups(SearchSpace space, List<Trial> trials) {
    List<Set<String>> groups = new ArrayList<>();
    for (Trial trial : trials) {
      Set<String> rest = new TreeSet<>(trial.params().keySet());
      List<Set<String>> next = new ArrayList<>();
      for (Set<String> g : groups) {
        Set<String> inside = new TreeSet<>(g);
        inside.retainAll(rest);
        Set<String> outside = new TreeSet<>(g);
        outside.removeAll(rest);
        next.add(inside);
        next.add(outside);
        rest.removeAll(g);
      }
      next.add(rest);
      next.removeIf(Set::isEmpty);
      groups = next;
    }
    return ordered(space, groups);
  }

  /** The one group of parameters active in every trial of {@code trials} (empty if none). */
  static List<List<String>> intersection(SearchSpace space, List<Trial> trials) {
    if (trials.isEmpty()) {
      return List.of();
    }
    Set<String> common = new TreeSet<>(trials.get(0).params().keySet());
    for (Trial t : trials) {
      common.retainAll(t.params().keySet());
    }
    return common.isEmpty() ? List.of() : ordered(space, List.of(common));
  }

  private static List<List<String>> ordered(SearchSpace space, List<Set<String>> groups) {
    List<String> names = space.names();
    List<List<String>> out = new ArrayList<>();
    for (Set<String> g : groups) {
      Set<String> inOrder = new LinkedHashSet<>();
      for (String name : names) {
        if (g.contains(name)) {
          inOrder.add(name);
        }
      }
      if (!inOrder.isEmpty()) {
        out.add(List.copyOf(inOrder));
      }
    }
    out.sort(Comparator.comparingInt(g -> names.indexOf(g.get(0))));
    return out;
  }
}
