package io.odqa.kg.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelationPathTest {

  @Test
  void parsesAndPrintsInverseHops() {
    RelationPath path = RelationPath.parse("starred_actors^-1>release_year");
    assertEquals(List.of(new RelationPath.Hop("starred_actors", true),
        new RelationPath.Hop("release_year", false)), path.hops());
    assertEquals("starred_actors^-1>release_year", path.toString());
    assertEquals(path, RelationPath.parse(path.toString()));
    assertEquals(3, RelationPath.parse("a>b^-1>c").length());
  }

  @Test
  void rejectsBadPathsNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RelationPath.parse("directed_by>Written By"));
    assertTrue(e.getMessage().contains("Written By"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RelationPath.parse("a>b>c>d"));
    assertTrue(e.getMessage().contains("a>b>c>d"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RelationPath.parse(""));
    assertThrows(IllegalArgumentException.class, () -> RelationPath.parse("a>>b"));
    assertThrows(IllegalArgumentException.class, () -> new RelationPath(List.of()));
    assertThrows(IllegalArgumentException.class, () -> RelationPath.parse("a^-1^-1"));
  }

  @Test
  void ordersLexicographically() {
    assertTrue(RelationPath.parse("directed_by").compareTo(RelationPath.parse("written_by")) < 0);
    assertEquals("a>b", RelationPath.parse("a").append(new RelationPath.Hop("b", false))
        .toString());
  }
}
