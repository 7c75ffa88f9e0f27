package io.odqa.kg.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelationTypeTest {

  @Test
  void makesSafeTypeNames() {
    assertEquals("directed_by", RelationType.of("directed_by"));
    assertEquals("was_open_sourced_by", RelationType.of("was open-sourced by"));
    assertEquals("r_1st_of", RelationType.of("1st of"));
    assertEquals("", RelationType.of("`;--"));
    assertEquals("name", RelationType.of("http://xmlns.com/foaf/0.1/`name`".replaceAll(".*/", "")));
    String longType = RelationType.of("word ".repeat(30));
    assertTrue(longType.length() <= RelationType.MAX_LENGTH && longType.matches("[a-z0-9_]+"), longType);
  }
}
