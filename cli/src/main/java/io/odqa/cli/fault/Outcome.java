package io.odqa.cli.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured and whether it held: {@code status} is {@code passed},
 * {@code failed} (with the checks that did not hold) or {@code skipped} (with the reason).
 */
final class Outcome {
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private String skipped;

  /** Records a measured value under {@code key}, in the order of the calls. */
  Outcome put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** Records that {@code what} must hold; a false one fails the scenario. */
  boolean check(boolean holds, String what) {
    if (!holds) {
      failures.add(what);
    }
    return holds;
  }

  void skip(String reason) {
    skipped = reason;
  }

  void fail(String why) {
    failures.add(why);
  }

  boolean failed() {
    return skipped == null && !failures.isEmpty();
  }

  Map<String, Object> json() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", skipped != null ? "skipped" : failures.isEmpty() ? "passed" : "failed");
    if (skipped != null) {
      out.put("reason", skipped);
    }
    if (!failures.isEmpty()) {
      out.put("failures", failures);
    }
    out.putAll(fields);
    return out;
  }
}
