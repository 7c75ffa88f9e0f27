package io.odqa.tuner.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SearchSpaceJsonTest {
  private static final String P0 = "{\"name\": \"a\", \"type\": \"float\", \"low\": 0, \"high\": 1}";
  private static final String P1 =
      "{\"name\": \"c\", \"type\": \"categorical\", \"choices\": [\"x\", \"y\", 3, true]}";

  @Test
  void pipelineSpaceLoads() {
    SearchSpace space = SearchSpaceJson.parseResource("/search-spaces/pipeline.json");
    assertEquals(List.of("topK", "bm25K1", "bm25B", "titleBoost", "reader.maxAnswerTokens",
        "reader.stride", "fusion.kgWeight", "reranker", "reranker.depth"), space.names());
    assertEquals(new IntDistribution(64, 256, 32, false),
        space.get("reader.stride").distribution());
    assertEquals(new IntDistribution(10, 200, 1, true), space.get("reranker.depth").distribution());
    assertEquals(new Condition("reranker", List.of("proxy")), space.get("reranker.depth").when());
    Map<String, Object> chosen = new LinkedHashMap<>();
    chosen.put("reranker", "none");
    assertFalse(space.isActive(space.get("reranker.depth"), chosen));
    chosen.put("reranker", "proxy");
    assertTrue(space.isActive(space.get("reranker.depth"), chosen));
  }

  @Test
  void writeThenParseGivesTheSameSpace() {
    SearchSpace space = SearchSpaceJson.parseResource("/search-spaces/pipeline.json");
    assertEquals(space, SearchSpaceJson.parse(SearchSpaceJson.write(space)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"name\": \"b\", \"type\": \"float\", \"low\": 5.0, \"high\": 1.0}"
          + "|parameters[2].high must be > low = 5.0, got 1.0",
      "{\"name\": \"b\", \"type\": \"int\", \"low\": 5, \"high\": 5}"
          + "|parameters[2].high must be > low = 5, got 5",
      "{\"name\": \"b\", \"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}"
          + "|parameters[2].low must be > 0 when log is true, got 0.0",
      "{\"name\": \"b\", \"type\": \"int\", \"low\": 64, \"high\": 250, \"step\": 32}"
          + "|parameters[2].high must be low + k * step = 64 + k * 32 (e.g. 224), got 250",
      "{\"name\": \"b\", \"type\": \"int\", \"low\": 1, \"high\": 9, \"step\": 2, \"log\": true}"
          + "|parameters[2].step must be 1 when log is true, got 2",
      "{\"name\": \"b\", \"type\": \"int\", \"low\": 1.5, \"high\": 9}"
          + "|parameters[2].low must be an integer, got 1.5",
      "{\"name\": \"b\", \"type\": \"int\", \"low\": 1, \"high\": 9, \"step\": 0}"
          + "|parameters[2].step must be >= 1, got 0",
      "{\"name\": \"b\", \"type\": \"double\", \"low\": 0, \"high\": 1}"
          + "|parameters[2].type must be one of [float, int, categorical], got \"double\"",
      "{\"name\": \"b\", \"type\": \"float\", \"low\": 0, \"high\": 1, \"lo\": 2}"
          + "|parameters[2].lo is not a known field; legal: "
          + "[choices, high, log, low, name, step, type, when]",
      "{\"name\": \"b\", \"type\": \"categorical\", \"choices\": []}"
          + "|parameters[2].choices must be a non-empty array, got []",
      "{\"name\": \"b\", \"type\": \"categorical\", \"choices\": [1, 1.0]}"
          + "|parameters[2].choices[1] must differ from choices[0], got 1.0",
      "{\"name\": \"a\", \"type\": \"float\", \"low\": 0, \"high\": 1}"
          + "|parameters[2].name must be unique, got \"a\" (already parameters[0])",
      "{\"name\": \"b\", \"type\": \"float\", \"low\": 0, \"high\": 1, "
          + "\"when\": {\"parent\": \"z\", \"in\": [\"x\"]}}"
          + "|parameters[2].when.parent must name a parameter declared before it [a, c], got \"z\"",
      "{\"name\": \"b\", \"type\": \"float\", \"low\": 0, \"high\": 1, "
          + "\"when\": {\"parent\": \"c\", \"in\": [\"q\"]}}"
          + "|parameters[2].when.in[0] must be a value of "
          + "CategoricalDistribution[choices=[x, y, 3, true]], got q",
      "{\"name\": \"b\", \"type\": \"float\", \"low\": 0, \"high\": 1, "
          + "\"when\": {\"parent\": \"a\", \"in\": [0.5]}}"
          + "|parameters[2].when.parent must be a categorical or int parameter, got float "
          + "parameter \"a\"",
  })
  void invalidParameterIsRejectedWithAnExactMessage(String third, String message) {
    String json = "{\"parameters\": [" + P0 + ", " + P1 + ", " + third + "]}";
    SearchSpaceException e = assertThrows(SearchSpaceException.class,
        () -> SearchSpaceJson.parse(json));
    assertEquals(message, e.getMessage());
  }

  @Test
  void rootWithoutParametersIsRejected() {
    SearchSpaceException e = assertThrows(SearchSpaceException.class,
        () -> SearchSpaceJson.parse("{\"params\": []}"));
    assertEquals("root must be an object with a \"parameters\" array", e.getMessage());
  }

  @Test
  void categoricalValuesKeepTheirTypes() {
    SearchSpace space = SearchSpaceJson.parse("{\"parameters\": [" + P1 + "]}");
    CategoricalDistribution c = (CategoricalDistribution) space.get("c").distribution();
    assertEquals(List.of("x", "y", 3L, true), c.choices());
    assertEquals(2.0, c.toInternal(3));
    assertEquals(true, c.toExternal(3));
  }
}
