package io.odqa.feedback.console;

import java.util.List;
import java.util.Map;

/** The records the study endpoints answer with. */
public final class StudyViews {
  private StudyViews() {}

  /**
   * One study in the list.
   *
   * @param name the study's name ({@code retune-<jobId>} for retunes)
   * @param direction {@code MINIMIZE} or {@code MAXIMIZE}
   * @param createdAtMillis when its retune job was created, else its first trial's heartbeat;
   *     null for a study without either
   * @param collection the retune job's collection, or null when the study is not a job's
   * @param trials trials in any state
   * @param complete COMPLETE trials
   * @param bestValue the best COMPLETE value in the study's direction, or null
   */
  public record StudyRow(String name, String direction, Long createdAtMillis, String collection,
      long trials, long complete, Double bestValue) {}

  /**
   * One trial.
   *
   * @param number its position in the study, from 0
   * @param state {@code RUNNING}, {@code COMPLETE} or {@code FAILED}
   * @param params its parameters in search-space order
   * @param value its objective value, null unless COMPLETE
   * @param heartbeatMillis its last heartbeat, epoch milliseconds
   */
  public record TrialRow(int number, String state, Map<String, Object> params, Double value,
      long heartbeatMillis) {}

  /**
   * One point of the optimisation history.
   *
   * @param number the trial's number
   * @param value its objective value
   * @param best the best value of COMPLETE trials up to and including it
   */
  public record CurvePoint(int number, double value, double best) {}

  /**
   * How much of the objective's variance one parameter explains on its own.
   *
   * @param param the parameter's name
   * @param importance the bias-corrected variance fraction, in [0, 1]
   * @param n COMPLETE trials in which the parameter was active
   * @param bins the groups its values were cut into
   */
  public record Importance(String param, double importance, int n, int bins) {}

  /**
   * One trial's value of a parameter against its objective.
   *
   * @param number the trial's number
   * @param value the parameter's value
   * @param objective the trial's objective value
   */
  public record SlicePoint(int number, Object value, double objective) {}

  /**
   * A parameter's values against the objective.
   *
   * @param param the parameter's name
   * @param categorical whether its values are choices rather than numbers
   * @param points the COMPLETE trials where it was active, by number, downsampled
   */
  public record Slice(String param, boolean categorical, List<SlicePoint> points) {}

  /**
   * What a study found.
   *
   * @param name the study's name
   * @param direction {@code MINIMIZE} or {@code MAXIMIZE}
   * @param trials trials in any state
   * @param complete COMPLETE trials
   * @param best the best COMPLETE trial (lowest number on ties), or null
   * @param bestSoFar the optimisation history, downsampled, improvements always kept
   * @param importance every parameter, most important first (ties by name)
   * @param slices every parameter's slice, in search-space order
   */
  public record StudySummary(String name, String direction, int trials, int complete,
      TrialRow best, List<CurvePoint> bestSoFar, List<Importance> importance,
      List<Slice> slices) {}
}
