package io.odqa.tuner.bench;

import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark objective with a known global minimum (definitions as in Surjanovic and Bingham,
 * "Virtual Library of Simulation Experiments", sfu.ca/~ssurjano).
 *
 * @param key the name used in the JSON report
 * @param space the box the function is searched in
 * @param trials the trial budget
 * @param optimum the global minimum
 * @param objective the function of the parameters x0, x1, ...
 */
public record TestFunction(String key, SearchSpace space, int trials, double optimum,
    ToDoubleFunction<double[]> objective) {

  /** The objective at {@code params}. */
  public double evaluate(Map<String, Object> params) {
    double[] x = new double[params.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((Number) params.get("x" + i)).doubleValue();
    }
    return objective.applyAsDouble(x);
  }

  /** Branin on [-5, 10] x [0, 15], 50 trials; minimum 0.397887. */
  public static TestFunction branin() {
    SearchSpace space = new SearchSpace(List.of(
        Parameter.of("x0", new FloatDistribution(-5, 10, false)),
        Parameter.of("x1", new FloatDistribution(0, 15, false))));
    return new TestFunction("branin_50", space, 50, 0.397887, x -> {
      double b = 5.1 / (4 * Math.PI * Math.PI);
      double c = 5 / Math.PI;
      double t = 1 / (8 * Math.PI);
      double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
      return u * u + 10 * (1 - t) * Math.cos(x[0]) + 10;
    });
  }

  /** Hartmann 6-D on [0, 1]^6, 100 trials; minimum -3.32237. */
  public static TestFunction hartmann6() {
    double[] alpha = {1.0, 1.2, 3.0, 3.2};
    double[][] a = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
        {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    double[][] p = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};
    return new TestFunction("hartmann6_100", box(6, 0, 1), 100, -3.32237, x -> {
      double sum = 0;
      for (int i = 0; i < 4; i++) {
        double inner = 0;
        for (int j = 0; j < 6; j++) {
          double d = x[j] - p[i][j] * 1e-4;
          inner += a[i][j] * d * d;
        }
        sum += alpha[i] * Math.exp(-inner);
      }
      return -sum;
    });
  }

  /** Rosenbrock 4-D on [-5, 10]^4, 100 trials; minimum 0. */
  public static TestFunction rosenbrock4() {
    return new TestFunction("rosenbrock4_100", box(4, -5, 10), 100, 0.0, x -> {
      double sum = 0;
      for (int i = 0; i < x.length - 1; i++) {
        double u = x[i + 1] - x[i] * x[i];
        double v = x[i] - 1;
        sum += 100 * u * u + v * v;
      }
      return sum;
    });
  }

  private static SearchSpace box(int dims, double low, double high) {
    List<Parameter> params = new ArrayList<>();
    for (int i = 0; i < dims; i++) {
      params.add(Parameter.of("x" + i, new FloatDistribution(low, high, false)));
    }
    return new SearchSpace(params);
  }
}
