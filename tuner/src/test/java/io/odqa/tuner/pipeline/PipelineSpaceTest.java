package io.odqa.tuner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.model.PipelineConfig;
import io.odqa.tuner.space.SearchSpaceException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineSpaceTest {
  private static final PipelineConfig BASE = new PipelineConfig("base", 10, 0.9, 0.4, 0.5,
      new PipelineConfig.Reader(5, 384, 128, 30, 0.0, 0.5), new PipelineConfig.Fusion(0.5));

  @Test
  void shippedSpaceNamesEveryKnob() {
    PipelineSpace space = PipelineSpace.load(Optional.empty());
    assertEquals(PipelineSpace.KNOBS.size(), space.space().names().size());
    assertTrue(space.space().isConditional(), "stride depends on the window");
    Map<String, Object> params = space.paramsOf(BASE);
    assertEquals(PipelineSpace.KNOBS.size(), params.size());
    assertEquals(BASE.withVersion("v"), PipelineSpace.apply(BASE, params, "v"));
  }

  @Test
  void applyReplacesOnlyTheGivenKnobs() {
    PipelineConfig c = PipelineSpace.apply(BASE, Map.of("bm25K1", 1.5, "reader.windowTokens", 256L,
        "reader.stride", 96L, "graph.pathsTried", 2L), "t1");
    assertEquals("t1", c.version());
    assertEquals(1.5, c.bm25K1());
    assertEquals(256, c.reader().windowTokens());
    assertEquals(96, c.reader().stride());
    assertEquals(2, c.graph().pathsTried());
    assertEquals(0.0, c.retrieval().proximity().doubleValue(), "BASE has BM25 retrieval");
    assertEquals(0.3, PipelineSpace.apply(BASE, Map.of("retrieval.proximity", 0.3), "t2")
        .retrieval().proximity().doubleValue());
    assertEquals(BASE.bm25B(), c.bm25B());
    assertEquals(BASE.fusion(), c.fusion());
  }

  @Test
  void unknownKnobIsNamedWithItsField() {
    SearchSpaceException e = assertThrows(SearchSpaceException.class, () -> PipelineSpace.parse(
        "{\"parameters\": [{\"name\": \"topK\", \"type\": \"int\", \"low\": 1, \"high\": 9},"
            + "{\"name\": \"reader.speed\", \"type\": \"float\", \"low\": 0, \"high\": 1}]}"));
    assertTrue(e.getMessage().startsWith("parameters[1].name must be one of"), e.getMessage());
    assertTrue(e.getMessage().contains("reader.speed"));
  }

  @Test
  void badFieldIsNamed() {
    SearchSpaceException e = assertThrows(SearchSpaceException.class, () -> PipelineSpace.parse(
        "{\"parameters\": [{\"name\": \"topK\", \"type\": \"int\", \"low\": 10, \"high\": 2}]}"));
    assertTrue(e.getMessage().startsWith("parameters[0]"), e.getMessage());
  }
}
