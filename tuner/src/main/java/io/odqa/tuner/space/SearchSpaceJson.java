package io.odqa.tuner.space;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes a search space as JSON:
 *
 * <pre>{@code
 * {"parameters": [
 *   {"name": "topK", "type": "int", "low": 1, "high": 50},
 *   {"name": "bm25K1", "type": "float", "low": 0.3, "high": 2.0},
 *   {"name": "reranker", "type": "categorical", "choices": ["none", "proxy"]},
 *   {"name": "reranker.depth", "type": "int", "low": 10, "high": 200, "log": true,
 *    "when": {"parent": "reranker", "in": ["proxy"]}}]}
 * }</pre>
 *
 * Every error is a {@link SearchSpaceException} whose message starts with the JSON path of the bad
 * field, e.g. {@code parameters[2].high must be > low = 5.0, got 1.0}.
 */
public final class SearchSpaceJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIELDS =
      new TreeSet<>(List.of("name", "type", "low", "high", "step", "log", "choices", "when"));

  private SearchSpaceJson() {}

  /** Parses and validates {@code json}. */
  public static SearchSpace parse(String json) {
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new SearchSpaceException("search space is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Parses and validates a search space stored as a class-path resource. */
  public static SearchSpace parseResource(String resource) {
    try (InputStream in = SearchSpaceJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new SearchSpaceException("resource must exist on the class path, got " + resource);
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SearchSpace fromTree(JsonNode root) {
    if (root == null || !root.isObject() || !root.path("parameters").isArray()) {
      throw new SearchSpaceException("root must be an object with a \"parameters\" array");
    }
    List<Parameter> parameters = new ArrayList<>();
    JsonNode array = root.get("parameters");
    for (int i = 0; i < array.size(); i++) {
      parameters.add(parameter("parameters[" + i + "]", array.get(i)));
    }
    try {
      return new SearchSpace(parameters);
    } catch (IllegalArgumentException e) {
      throw new SearchSpaceException(e.getMessage());
    }
  }

  private static Parameter parameter(String at, JsonNode node) {
    if (!node.isObject()) {
      throw new SearchSpaceException(at + " must be an object, got " + node);
    }
    node.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        throw new SearchSpaceException(at + "." + field + " is not a known field; legal: " + FIELDS);
      }
    });
    JsonNode name = node.path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      throw new SearchSpaceException(at + ".name must be a non-blank string, got " + name);
    }
    String type = node.path("type").asText("");
    Distribution distribution;
    try {
      distribution = switch (type) {
        case "float" -> floatDistribution(at, node);
        case "int" -> intDistribution(at, node);
        case "categorical" -> categorical(at, node);
        default -> throw new SearchSpaceException(at
            + ".type must be one of [float, int, categorical], got " + node.path("type"));
      };
    } catch (SearchSpaceException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SearchSpaceException(at + "." + e.getMessage());
    }
    return new Parameter(name.asText(), distribution, condition(at + ".when", node.get("when")));
  }

  private static FloatDistribution floatDistribution(String at, JsonNode node) {
    if (node.has("step") || node.has("choices")) {
      throw new SearchSpaceException(at + "." + (node.has("step") ? "step" : "choices")
          + " is not allowed for type float");
    }
    return new FloatDistribution(number(at, node, "low"), number(at, node, "high"),
        bool(at, node, "log"));
  }

  private static IntDistribution intDistribution(String at, JsonNode node) {
    if (node.has("choices")) {
      throw new SearchSpaceException(at + ".choices is not allowed for type int");
    }
    long step = node.has("step") ? integer(at, node, "step") : 1;
    return new IntDistribution(integer(at, node, "low"), integer(at, node, "high"), step,
        bool(at, node, "log"));
  }

  private static CategoricalDistribution categorical(String at, JsonNode node) {
    for (String field : List.of("low", "high", "step", "log")) {
      if (node.has(field)) {
        throw new SearchSpaceException(at + "." + field + " is not allowed for type categorical");
      }
    }
    JsonNode choices = node.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw new SearchSpaceException(at + ".choices must be a non-empty array, got " + choices);
    }
    return new CategoricalDistribution(scalars(at + ".choices", choices));
  }

  private static Condition condition(String at, JsonNode when) {
    if (when == null || when.isNull()) {
      return null;
    }
    if (!when.isObject() || !when.path("parent").isTextual()) {
      throw new SearchSpaceException(at + " must be {\"parent\": name, \"in\": [values]}, got "
          + when);
    }
    JsonNode in = when.path("in");
    if (!in.isArray() || in.isEmpty()) {
      throw new SearchSpaceException(at + ".in must be a non-empty array, got " + in);
    }
    return new Condition(when.get("parent").asText(), scalars(at + ".in", in));
  }

  private static List<Object> scalars(String at, JsonNode array) {
    List<Object> values = new ArrayList<>();
    for (int k = 0; k < array.size(); k++) {
      JsonNode v = array.get(k);
      if (v.isTextual()) {
        values.add(v.asText());
      } else if (v.isBoolean()) {
        values.add(v.asBoolean());
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        values.add(v.asLong());
      } else if (v.isNumber()) {
        values.add(v.asDouble());
      } else {
        throw new SearchSpaceException(at + "[" + k
            + "] must be a string, a number or a boolean, got " + v);
      }
    }
    return values;
  }

  private static double number(String at, JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new SearchSpaceException(at + "." + field + " must be a finite number, got " + v);
    }
    return v.asDouble();
  }

  private static long integer(String at, JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new SearchSpaceException(at + "." + field + " must be an integer, got " + v);
    }
    return v.asLong();
  }

  private static boolean bool(String at, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new SearchSpaceException(at + "." + field + " must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  /** The canonical JSON of {@code space}; {@code parse(write(s))} equals {@code s}. */
  public static String write(SearchSpace space) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode array = root.putArray("parameters");
    for (Parameter p : space.parameters()) {
      ObjectNode node = array.addObject().put("name", p.name());
      Distribution d = p.distribution();
      if (d instanceof FloatDistribution f) {
        node.put("type", "float").put("low", f.low()).put("high", f.high()).put("log", f.log());
      } else if (d instanceof IntDistribution i) {
        node.put("type", "int").put("low", i.low()).put("high", i.high()).put("step", i.step())
            .put("log", i.log());
      } else if (d instanceof CategoricalDistribution c) {
        addAll(node.put("type", "categorical").putArray("choices"), c.choices());
      }
      if (p.when() != null) {
        ObjectNode when = node.putObject("when").put("parent", p.when().parent());
        addAll(when.putArray("in"), p.when().in());
      }
    }
    return root.toString();
  }

  private static void addAll(ArrayNode array, List<Object> values) {
    for (Object v : values) {
      array.add(MAPPER.valueToTree(v));
    }
  }
}
