package io.odqa.tuner.trial;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation of the objective.
 *
 * @param number position in the study, from 0
 * @param state life-cycle state
 * @param params the active parameters in search-space order, external values
 * @param value the objective value; {@code null} unless COMPLETE
 * @param heartbeatMillis when the worker last reported it was alive (epoch milliseconds)
 */
public record Trial(int number, TrialState state, Map<String, Object> params, Double value,
    long heartbeatMillis) {

  /** Validates and makes {@code params} an unmodifiable copy that keeps its order. */
  public Trial {
    if (number < 0) {
      throw new IllegalArgumentException("number must be >= 0, got " + number);
    }
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    if ((state == TrialState.COMPLETE) != (value != null)) {
      throw new IllegalArgumentException("value must be set exactly when state is COMPLETE, got "
          + value + " with " + state);
    }
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A freshly asked trial. */
  public static Trial running(int number, Map<String, Object> params, long nowMillis) {
    return new Trial(number, TrialState.RUNNING, params, null, nowMillis);
  }

  /** This trial told {@code finalValue}. */
  public Trial complete(double finalValue) {
    return new Trial(number, TrialState.COMPLETE, params, finalValue, heartbeatMillis);
  }

  /** This trial told it failed. */
  public Trial failed() {
    return new Trial(number, TrialState.FAILED, params, null, heartbeatMillis);
  }

  /** This trial with a fresh heartbeat. */
  public Trial withHeartbeat(long nowMillis) {
    return new Trial(number, state, params, value, nowMillis);
  }
}
