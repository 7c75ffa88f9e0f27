package io.odqa.feedback.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.odqa.feedback.console.StudyViews.CurvePoint;
import io.odqa.feedback.console.StudyViews.Importance;
import io.odqa.tuner.space.CategoricalDistribution;
import io.odqa.tuner.space.FloatDistribution;
import io.odqa.tuner.space.Parameter;
import io.odqa.tuner.space.SearchSpace;
import io.odqa.tuner.trial.Direction;
import io.odqa.tuner.trial.Trial;
import io.odqa.tuner.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tiny fixtures with exact expected values for the study condensations. */
class StudyAnalysisTest {
  private static final SearchSpace SPACE = new SearchSpace(List.of(
      Parameter.of("x", new FloatDistribution(0, 1, false)),
      Parameter.of("c", new CategoricalDistribution(List.of("a", "b")))));

  @Test
  void bestSoFarFollowsTheDirectionAndSkipsUnfinishedTrials() {
    List<Trial> trials = List.of(done(0, 0.5), failed(1), done(2, 0.3), done(3, 0.7),
        running(4), done(5, 0.6));
    assertEquals(List.of(new CurvePoint(0, 0.5, 0.5), new CurvePoint(2, 0.3, 0.5),
        new CurvePoint(3, 0.7, 0.7), new CurvePoint(5, 0.6, 0.7)),
        StudyAnalysis.bestSoFar(trials, Direction.MAXIMIZE, 500));
    assertEquals(List.of(0.5, 0.3, 0.3, 0.3), StudyAnalysis.bestSoFar(trials, Direction.MINIMIZE,
        500).stream().map(CurvePoint::best).toList());
  }

  @Test
  void downsampleKeepsTheLastAndTheMarkedThenSpreadsTheRest() {
    List<Integer> points = IntStream.range(0, 10).boxed().toList();
    // 2 and 9 kept; two more spread over the other eight (positions 0 and 4 of them).
    assertEquals(List.of(0, 2, 5, 9), StudyAnalysis.downsample(points, 4, i -> i == 2));
    assertEquals(List.of(0, 4, 9), StudyAnalysis.downsample(points, 3, i -> true));
    assertEquals(points, StudyAnalysis.downsample(points, 10, i -> false));
    assertThrows(IllegalArgumentException.class, () -> StudyAnalysis.downsample(points, 1,
        i -> false));
  }

  @Test
  void longHistoriesAreCutToTheLimitButKeepEveryImprovement() {
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      trials.add(done(i, i % 100 == 0 ? i : -1));
    }
    List<CurvePoint> curve = StudyAnalysis.bestSoFar(trials, Direction.MAXIMIZE, 500);
    assertEquals(500, curve.size());
    // Improvements at 0 and at every multiple of 100 from 100 on, and the last trial.
    for (int i = 0; i < 2000; i += 100) {
      int n = i;
      assertEquals(1, curve.stream().filter(p -> p.number() == n).count(), "trial " + n);
    }
    assertEquals(1999, curve.get(curve.size() - 1).number());
    assertEquals(1900.0, curve.get(curve.size() - 1).best());
  }

  @Test
  void epsilonSquaredIsTheBiasCorrectedBetweenGroupShare() {
    List<Double> y = List.of(1.0, 3.0, 5.0, 7.0);
    // SS_total 20, SS_between 16, MS_within 2: (16 - 1 * 2) / 20.
    assertEquals(0.7, StudyAnalysis.epsilonSquared(new int[] {0, 0, 1, 1}, y), 1e-12);
    // SS_between 4 < MS_within 8: no evidence, clamped to 0.
    assertEquals(0.0, StudyAnalysis.epsilonSquared(new int[] {0, 1, 0, 1}, y));
    assertEquals(0.0, StudyAnalysis.epsilonSquared(new int[] {0, 0, 0, 0}, y));
    assertEquals(0.0, StudyAnalysis.epsilonSquared(new int[] {0, 1}, List.of(2.0, 2.0)));
  }

  @Test
  void quantileBinsNeverSplitTies() {
    List<Object> values = List.of(5, 1, 1.0, 3, 2, 4);
    assertArrayEquals(new int[] {2, 0, 0, 1, 1, 2}, StudyAnalysis.quantileBins(values, 3));
  }

  @Test
  void importanceRanksTheParameterThatDrivesTheObjective() {
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      trials.add(new Trial(i, TrialState.COMPLETE, Map.of("x", 0.1 * (i + 1), "c",
          i % 2 == 0 ? "a" : "b"), 0.1 * (i + 1), 0L));
    }
    trials.add(failed(8));
    List<Importance> importance = StudyAnalysis.importance(trials, SPACE, 10);
    // x: 4 bins of 2 (8 trials / 2), SS_between .4, MS_within .005, SS_total .42.
    assertEquals("x", importance.get(0).param());
    assertEquals((0.4 - 3 * 0.005) / 0.42, importance.get(0).importance(), 1e-9);
    assertEquals(8, importance.get(0).n());
    assertEquals(4, importance.get(0).bins());
    assertEquals(new Importance("c", 0.0, 8, 2), importance.get(1));
  }

  @Test
  void slicesListActiveValuesAgainstTheObjective() {
    List<Trial> trials = List.of(new Trial(0, TrialState.COMPLETE, Map.of("x", 0.25), 1.5, 0L),
        failed(1));
    List<StudyViews.Slice> slices = StudyAnalysis.slices(trials, SPACE, 500);
    assertEquals(new StudyViews.Slice("x", false, List.of(new StudyViews.SlicePoint(0, 0.25,
        1.5))), slices.get(0));
    assertEquals(new StudyViews.Slice("c", true, List.of()), slices.get(1));
  }

  private static Trial done(int number, double value) {
    return new Trial(number, TrialState.COMPLETE, Map.of("x", 0.5), value, 0L);
  }

  private static Trial failed(int number) {
    return new Trial(number, TrialState.FAILED, Map.of("x", 0.5), null, 0L);
  }

  private static Trial running(int number) {
    return new Trial(number, TrialState.RUNNING, Map.of("x", 0.5), null, 0L);
  }
}
