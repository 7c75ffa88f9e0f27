package io.odqa.tuner.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.tuner.sampler.tpe.TpeSampler;
import io.odqa.tuner.sampler.tpe.TpeSettings;
import io.odqa.tuner.space.CategoricalDistribution;
import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.IntDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.space.SearchSpaceJson;
import io.odqa.tuner.store.InMemoryStudyStore;
import io.odqa.tuner.study.Study;
import io.odqa.tuner.trial.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every sampler keeps, checked on the pipeline space and on a nested space. */
class SamplerContractTest {
  private static final SearchSpace PIPELINE =
      SearchSpaceJson.parseResource("/search-spaces/pipeline.json");
  /** Three levels: mode -> depth -> width, plus a log float and a numeric categorical. */
  private static final SearchSpace NESTED = SearchSpaceJson.parse("""
      {"parameters": [
        {"name": "lr", "type": "float", "low": 1e-4, "high": 1.0, "log": true},
        {"name": "mode", "type": "categorical", "choices": ["a", "b", "c"]},
        {"name": "depth", "type": "int", "low": 1, "high": 4, "when": {"parent": "mode", "in": ["b", "c"]}},
        {"name": "width", "type": "categorical", "choices": [8, 16, 32.5],
         "when": {"parent": "depth", "in": [3, 4]}}]}
      """);

  static Stream<Arguments> samplers() {
    TpeSettings tpe = TpeSettings.defaults();
    return Stream.of(
        Arguments.of("random", new RandomSampler()),
        Arguments.of("tpe", new TpeSampler(tpe)),
        Arguments.of("tpe-multivariate", new TpeSampler(tpe.withMultivariate(true, false))),
        Arguments.of("tpe-group", new TpeSampler(tpe.withMultivariate(true, true))),
        Arguments.of("tpe-multivariate-scott", new TpeSampler(TpeSettings.multivariateScott())));
  }

  /** A smooth objective over every knob, so TPE has something to model. */
  static double objective(Map<String, Object> p) {
    double sum = 0;
    for (Map.Entry<String, Object> e : p.entrySet()) {
      Object v = e.getValue();
      double x = v instanceof Number n ? n.doubleValue() : v.hashCode() % 7;
      sum += Math.abs(Math.sin(x * (1 + e.getKey().length())));
    }
    return sum;
  }

  static List<Trial> run(SearchSpace space, Sampler sampler, long seed, int n) {
    Study study = Study.builder().setName("contract").setStore(new InMemoryStudyStore())
        .optSpace(space).optSeed(seed).optSampler(sampler).optClock(() -> 0L).open();
    for (int i = 0; i < n; i++) {
      Trial t = study.ask();
      study.tell(t.number(), objective(t.params()));
    }
    return study.trials();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void samplesStayInBoundsOnTheGridAndInTheChoices(String name, Sampler sampler) {
    for (SearchSpace space : List.of(PIPELINE, NESTED)) {
      for (Trial t : run(space, sampler, 11, 60)) {
        for (Map.Entry<String, Object> e : t.params().entrySet()) {
          Parameter p = space.get(e.getKey());
          assertTrue(p.distribution().contains(e.getValue()),
              name + ": " + e + " outside " + p.distribution());
          if (p.distribution() instanceof IntDistribution d) {
            long v = (Long) e.getValue();
            assertEquals(0, (v - d.low()) % d.step(), name + ": off the step grid: " + e);
          }
          if (p.distribution() instanceof FloatDistribution) {
            assertTrue(e.getValue() instanceof Double, name + ": float must be a Double: " + e);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void conditionalParametersAppearExactlyWhenActive(String name, Sampler sampler) {
    for (SearchSpace space : List.of(PIPELINE, NESTED)) {
      List<Trial> trials = run(space, sampler, 5, 60);
      for (Trial t : trials) {
        Map<String, Object> seen = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) {
          boolean active = space.isActive(p, seen);
          assertEquals(active, t.params().containsKey(p.name()), name + ": " + p.name() + " in "
              + t.params());
          if (active) {
            seen.put(p.name(), t.params().get(p.name()));
          }
        }
      }
      // Both branches of every condition were explored.
      assertTrue(trials.stream().anyMatch(t -> t.params().size() == space.parameters().size()));
      assertTrue(trials.stream().anyMatch(t -> t.params().size() < space.parameters().size()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void sameSeedGivesTheSameTrialsAndAnotherSeedDoesNot(String name, Sampler sampler) {
    List<Trial> first = run(PIPELINE, sampler, 42, 40);
    List<Trial> again = run(PIPELINE, sampler, 42, 40);
    assertEquals(first, again, name);
    assertNotEquals(first, run(PIPELINE, sampler, 43, 40), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void logScaledParametersAreSpreadOverDecades(String name, Sampler sampler) {
    // lr is log-uniform over 4 decades: on a linear scale almost no draw would be below 1e-2.
    long small = run(NESTED, sampler, 3, 60).stream()
        .filter(t -> (Double) t.params().get("lr") < 1e-2).count();
    assertTrue(small >= 10, name + ": only " + small + " of 60 draws below 1e-2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samplers")
  void numericCategoricalChoicesKeepTheirType(String name, Sampler sampler) {
    CategoricalDistribution width = (CategoricalDistribution) NESTED.get("width").distribution();
    for (Trial t : run(NESTED, sampler, 9, 60)) {
      Object w = t.params().get("width");
      if (w != null) {
        assertTrue(width.choices().contains(w), name + ": " + w);
      }
    }
  }
}
