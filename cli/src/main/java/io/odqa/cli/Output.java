package io.odqa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/** How the commands print: human-readable lines, and with {@code --json} one JSON line last. */
final class Output {
  static final ObjectMapper JSON = new ObjectMapper();

  private Output() {}

  /** {@code value} as one line of JSON. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps, lists and JSON nodes always serialise", e);
    }
  }

  /** {@code v} rounded to three decimals, as every report prints numbers. */
  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Prints each field of {@code object} as {@code key: value}; nested values as compact JSON. */
  static void fields(PrintWriter out, JsonNode object) {
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode v = field.getValue();
      out.println("  " + field.getKey() + ": " + (v.isValueNode() ? v.asText() : json(v)));
    }
  }
}
