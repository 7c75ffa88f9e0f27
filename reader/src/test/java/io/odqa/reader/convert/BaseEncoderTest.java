package io.odqa.reader.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.reader.model.BertConfig;
import org.junit.jupiter.api.Test;

/** A model's base is told by its layers and width; any other architecture is named as such. */
class BaseEncoderTest {
  private static BertConfig config(int layers, int hidden, int heads, float eps) {
    return new BertConfig(30522, hidden, layers, heads, 4 * hidden, 512, 2, eps, 0.1f, 0.1f);
  }

  @Test
  void basesAreToldApartByLayersAndWidth() {
    assertEquals(BaseEncoder.MINILM, BaseEncoder.of(config(6, 384, 12, 1e-12f)));
    assertEquals(BaseEncoder.BGE_SMALL, BaseEncoder.of(config(12, 384, 12, 1e-12f)));
  }

  @Test
  void anotherArchitectureIsAnErrorThatNamesTheBases() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BaseEncoder.of(config(4, 384, 12, 1e-12f)));
    assertTrue(e.getMessage().contains("has 4 layers, hidden 384")
        && e.getMessage().contains("minilm (6 layers") && e.getMessage().contains("bge-small (12"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BaseEncoder.of(config(12, 768, 12, 1e-12f)));
    assertThrows(IllegalArgumentException.class, () -> BaseEncoder.of(config(6, 384, 6, 1e-12f)));
    assertThrows(IllegalArgumentException.class, () -> BaseEncoder.of(config(6, 384, 12, 1e-5f)));
  }
}
