package io.odqa.qa.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Distant supervision over tiny rankings with exact expected matches. */
class EvidenceFinderTest {
  @Test
  void bestRankedPassageWinsAndFirstGoldFoundInIt() {
    List<String> ranked = List.of("No answer here.", "Paris and Lyon; Paris again.",
        "Lyon is first here.");
    assertEquals(Optional.of(new EvidenceFinder.Match(1, "Lyon", 10)),
        EvidenceFinder.find(ranked, List.of("Marseille", "Lyon", "Paris")));
  }

  @Test
  void caseSensitiveBeforeCaseInsensitiveWithinAPassage() {
    List<String> ranked = List.of("the EIFFEL tower and the Eiffel Tower");
    assertEquals(Optional.of(new EvidenceFinder.Match(0, "Eiffel Tower", 25)),
        EvidenceFinder.find(ranked, List.of("Eiffel Tower")));
    assertEquals(Optional.of(new EvidenceFinder.Match(0, "EIFFEL tower", 4)),
        EvidenceFinder.find(ranked, List.of("eiffel TOWER")));
  }

  @Test
  void aCaseInsensitiveMatchInABetterPassageBeatsAnExactOneFurtherDown() {
    assertEquals(Optional.of(new EvidenceFinder.Match(0, "COBOL", 6)),
        EvidenceFinder.find(List.of("about COBOL", "Cobol"), List.of("Cobol")));
  }

  @Test
  void nothingFound() {
    assertEquals(Optional.empty(), EvidenceFinder.find(List.of("abc"), List.of("abcd", "")));
    assertEquals(Optional.empty(), EvidenceFinder.find(List.of(), List.of("a")));
    assertEquals(-1, EvidenceFinder.indexOfIgnoreCase("abc", ""));
    assertEquals(1, EvidenceFinder.indexOfIgnoreCase("xAbC", "abc"));
  }
}
