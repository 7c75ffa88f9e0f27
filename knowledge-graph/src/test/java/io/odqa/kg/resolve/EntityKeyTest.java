package io.odqa.kg.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EntityKeyTest {

  @Test
  void mergesSurfaceFormsOfOneName() {
    assertEquals("apple", EntityKey.of("Apple Inc."));
    assertEquals("apple", EntityKey.of("  APPLE "));
    assertEquals("apple", EntityKey.of("Apple, Inc"));
    assertEquals("procter and gamble", EntityKey.of("Procter & Gamble Co."));
    assertEquals("spärck jones", EntityKey.of("Spärck-Jones"));
    assertEquals("ｆｕｌｌ".length(), EntityKey.of("ｆｕｌｌ").length()); // NFKC folds full-width
    assertEquals("full", EntityKey.of("ｆｕｌｌ"));
  }

  @Test
  void keepsDistinctNamesApart() {
    assertEquals("the matrix", EntityKey.of("The Matrix"));
    assertEquals("inc", EntityKey.of("Inc."));
    assertEquals("$", EntityKey.of(" $ "));
    assertEquals("", EntityKey.of("  "));
  }
}
