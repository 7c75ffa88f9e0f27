package io.odqa.qa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.odqa.core.model.PipelineConfig;
import io.odqa.service.json.StrictJson;
import org.junit.jupiter.api.Test;

/**
 * Configs promoted before a knob existed stay readable by the strict mapper of the services: the
 * config topic and the feedback service's records hold them for good.
 */
class PipelineConfigJsonTest {
  private static final String BEFORE_PROXIMITY = "{\"version\": \"v\", \"topK\": 5, \"bm25K1\":"
      + " 0.9, \"bm25B\": 0.4, \"titleBoost\": 0.5, \"reader\": {\"passages\": 5, \"windowTokens\":"
      + " 384, \"stride\": 128, \"maxAnswerTokens\": 30, \"minScore\": 0, \"passageWeight\": 0.5},"
      + " \"fusion\": {\"kgWeight\": 0.5}, \"retrieval\": {\"mode\": \"hybrid\", \"depth\": 100,"
      + " \"fusion\": \"linear\", \"rrfK\": 60, \"denseWeight\": 20}}";

  @Test
  void aConfigWrittenBeforeTheProximityKnobReadsAsProximityOff() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    new StrictJson().customize(mapper);
    PipelineConfig c = mapper.readValue(BEFORE_PROXIMITY, PipelineConfig.class);
    assertEquals(0.0, c.retrieval().proximity().doubleValue());
    assertEquals(20.0, c.retrieval().denseWeight());
    PipelineConfig back = mapper.readValue(mapper.writeValueAsString(c), PipelineConfig.class);
    assertEquals(c, back);
  }

  @Test
  void aProximityOutsideItsRangeOrOfTheWrongTypeIsRefusedByName() {
    ObjectMapper mapper = new ObjectMapper();
    new StrictJson().customize(mapper);
    String negative = BEFORE_PROXIMITY.replace("\"denseWeight\": 20}",
        "\"denseWeight\": 20, \"proximity\": -0.5}");
    ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
        () -> mapper.readValue(negative, PipelineConfig.class));
    assertTrue(e.getMessage().contains("retrieval.proximity must be a finite number in [0.0, 5.0], got -0.5"),
        e.getMessage());
    String text = BEFORE_PROXIMITY.replace("\"denseWeight\": 20}",
        "\"denseWeight\": 20, \"proximity\": \"high\"}");
    MismatchedInputException m = assertThrows(MismatchedInputException.class,
        () -> mapper.readValue(text, PipelineConfig.class));
    assertTrue(m.getPathReference().contains("proximity"), m.getPathReference());
  }
}
