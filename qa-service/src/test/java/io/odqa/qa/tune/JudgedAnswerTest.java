package io.odqa.qa.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.qa.pipeline.Answer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JudgedAnswerTest {
  private static Answer graph(String text) {
    return new Answer(text, 1, "graph", null, null, null, null, null, null, null, 1.0, null);
  }

  private static Optional<String> first(List<String> ranked, List<String> rejected) {
    return JudgedAnswer.first(ranked.stream().map(JudgedAnswerTest::graph).toList(),
        List.of("The Holding"), rejected).map(Answer::text);
  }

  @Test
  void skipsAnswersTheFeedbackDidNotJudge() {
    assertEquals(Optional.of("the holding"), first(List.of("Fatso", "the holding"), List.of()));
  }

  @Test
  void aRejectedAnswerAboveTheConfirmedOneIsScored() {
    assertEquals(Optional.of("Fatso"),
        first(List.of("Winter Kills", "Fatso", "The Holding"), List.of("fatso")));
  }

  @Test
  void anAnswerOverlappingTheConfirmedOneIsJudged() {
    assertEquals(Optional.of("Holding Pattern"), first(List.of("Holding Pattern"), List.of()));
  }

  @Test
  void nothingJudgedScoresNothing() {
    assertTrue(first(List.of("Fatso", "Winter Kills"), List.of("Crackers")).isEmpty());
    assertTrue(first(List.of(), List.of()).isEmpty());
  }
}
