package io.odqa.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CollectionNameTest {

  @Test
  void defaultsWhenAbsentAndRejectsPathsAndUpperCase() {
    assertEquals("default", CollectionName.orDefault(null).value());
    assertEquals("default", CollectionName.orDefault(" ").value());
    assertEquals("squad_v1-2", CollectionName.orDefault("squad_v1-2").value());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CollectionName("../etc"));
    assertEquals("collection must match [a-z0-9][a-z0-9_-]{0,63}, got \"../etc\"", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CollectionName("Squad"));
    assertThrows(IllegalArgumentException.class, () -> new CollectionName("a".repeat(65)));
  }
}
