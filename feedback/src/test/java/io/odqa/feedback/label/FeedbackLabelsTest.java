package io.odqa.feedback.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.core.model.FeedbackEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackLabelsTest {
  private static FeedbackEvent event(String id, String q, String answer, String verdict,
      String correction, long at) {
    return new FeedbackEvent(id, "c", q, answer, verdict, "p-" + id, correction, "cfg", "m", at);
  }

  @Test
  void correctGivesTheShownAnswerAndCorrectionGivesItsAnswer() {
    List<LabelledQuestion> labels = FeedbackLabels.from(List.of(
        event("a", "Who wrote it?", "Ann", "correct", null, 1),
        event("b", "Where is it?", "Paris", "incorrect", "Lyon", 2),
        event("c", "When was it?", "1990", "incorrect", null, 3)), 0.0);
    assertEquals(3, labels.size());
    LabelledQuestion when = labels.get(0);
    LabelledQuestion where = labels.get(1);
    LabelledQuestion who = labels.get(2);
    assertEquals("Ann", who.positive());
    assertEquals("p-a", who.passageId());
    assertEquals("Lyon", where.positive());
    assertEquals(List.of("paris"), where.negatives());
    assertNull(when.positive());
    assertEquals(List.of("1990"), when.negatives());
    assertFalse(when.hasPositive());
  }

  @Test
  void votesSettleConflictsAndTiesGoToTheLatest() {
    List<LabelledQuestion> outvoted = FeedbackLabels.from(List.of(
        event("1", "Who?", "Ann", "correct", null, 1),
        event("2", "who? ", "Ann", "correct", null, 2),
        event("3", "WHO?", "Ann", "incorrect", "Bob", 3),
        event("4", "Who?", "Ann", "correct", null, 4)), 0.0);
    assertEquals(1, outvoted.size());
    assertEquals("Ann", outvoted.get(0).positive(), "3 - 1 for Ann beats 1 for Bob");
    assertEquals(4, outvoted.get(0).events());
    assertEquals("1", outvoted.get(0).firstEventId());

    List<LabelledQuestion> tie = FeedbackLabels.from(List.of(
        event("1", "Who?", "Ann", "correct", null, 1),
        event("2", "Who?", "Cy", "incorrect", "Bob", 2)), 0.0);
    assertEquals("Bob", tie.get(0).positive(), "1 for Ann against 1 for Bob: the later wins");
    assertEquals(List.of("cy"), tie.get(0).negatives());
  }

  @Test
  void splitDependsOnlyOnTheFirstEventAndMatchesTheFraction() {
    List<FeedbackEvent> events = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      events.add(event("e" + i, "question " + i, "a", "correct", null, i));
    }
    List<LabelledQuestion> labels = FeedbackLabels.from(events, 0.3);
    long held = labels.stream().filter(LabelledQuestion::heldOut).count();
    assertTrue(held > 540 && held < 660, "held out " + held + " of 2000 at 0.3");
    List<FeedbackEvent> more = new ArrayList<>(events);
    more.add(event("zz-later", "question 7", "b", "incorrect", "c", 99_999));
    List<LabelledQuestion> again = FeedbackLabels.from(more, 0.3);
    for (int i = 0; i < labels.size(); i++) {
      assertEquals(labels.get(i).heldOut(), again.get(i).heldOut(), labels.get(i).question());
    }
    assertEquals(labels, FeedbackLabels.from(events, 0.3));
  }
}
