package io.odqa.tuner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odqa.tuner.space.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trial parameters as a JSON object in search-space order, readable in the Neo4j console. Doubles
 * are written in the shortest form that reads back to the same bits, so a reloaded trial equals the
 * original exactly (which resume determinism relies on).
 */
public final class ParamsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private ParamsJson() {}

  /** The JSON object of {@code params}. */
  public static String write(Map<String, Object> params) {
    try {
      return MAPPER.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("params must be JSON-serialisable, got " + params, e);
    }
  }

  /** Parses {@code json} and types every value against {@code space}. */
  public static Map<String, Object> read(String json, SearchSpace space) {
    try {
      return space.canonical(MAPPER.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("paramsJson must be a JSON object, got " + json, e);
    }
  }
}
