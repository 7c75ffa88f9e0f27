package io.odqa.reader.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A {@link QaExample} exists only when its answer slices back out of its context. */
class QaExampleTest {
  private static final String CONTEXT = "Alan Turing described a universal machine in 1936.";

  @Test
  void acceptsAnAnswerAtItsOffset() {
    QaExample e = new QaExample("q1", "When?", CONTEXT, "1936", 45);
    assertEquals("1936", e.context().substring(e.answerStart(),
        e.answerStart() + e.answer().length()));
  }

  @Test
  void rejectsAnAnswerThatIsNotAtItsOffset() {
    assertEquals("example q1: answer '1936' is not at answerStart 44 of its context, which holds"
        + " ' 193' there", message(() -> new QaExample("q1", "When?", CONTEXT, "1936", 44)));
  }

  @Test
  void rejectsAnOffsetOutsideTheContext() {
    assertEquals("example q2: answerStart must be in [0, 46] for a 4-character answer in a"
        + " 50-character context, got 47", message(() -> new QaExample("q2", "When?", CONTEXT,
        "1936", 47)));
    assertEquals("example q3: answerStart must be in [0, 46] for a 4-character answer in a"
        + " 50-character context, got -1", message(() -> new QaExample("q3", "When?", CONTEXT,
        "1936", -1)));
  }

  @Test
  void rejectsBlankFieldsNamingTheExample() {
    assertEquals("example id must be non-blank, got ' '",
        message(() -> new QaExample(" ", "When?", CONTEXT, "1936", 45)));
    assertEquals("example id must be non-blank, got null",
        message(() -> new QaExample(null, "When?", CONTEXT, "1936", 45)));
    assertEquals("example q4: question must be non-blank, got ''",
        message(() -> new QaExample("q4", "", CONTEXT, "1936", 45)));
    assertEquals("example q5: answer must be non-blank, got ' '",
        message(() -> new QaExample("q5", "When?", CONTEXT, " ", 4)));
    assertEquals("example q6: context must be non-blank, got null",
        message(() -> new QaExample("q6", "When?", null, "1936", 45)));
  }

  private static String message(org.junit.jupiter.api.function.Executable construct) {
    return assertThrows(IllegalArgumentException.class, construct).getMessage();
  }
}
