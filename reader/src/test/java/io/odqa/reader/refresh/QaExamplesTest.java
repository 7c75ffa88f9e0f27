package io.odqa.reader.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.train.Features;
import io.odqa.reader.train.TokenizedSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Examples tokenise into training windows whose labels cover exactly the answer tokens, and the
 * data fingerprint depends on the examples and their roles, never on their order.
 */
class QaExamplesTest {
  @Test
  void labelsPointAtTheAnswerTokensAndContextsAreShared() throws Exception {
    List<QaExample> examples = new ArrayList<>(Fixtures.feedback());
    examples.addAll(Fixtures.replay());
    try (QaTokenizer tok = new QaTokenizer(Fixtures.CHAMPION.resolve("tokenizer.json"))) {
      TokenizedSet set = QaExamples.tokenize(examples, tok);
      assertEquals(6, set.questions().size());
      assertEquals(3, set.contexts().size(), "three distinct passages");
      List<Features.Feature> features = Features.training(set,
          ReaderSettings.DEFAULT.withWindow(64, 16));
      assertEquals(6, features.size(), "one window per question at 64 tokens");
      for (Features.Feature f : features) {
        long[] ids = Features.inputs(set, List.of(f))[0][0];
        long[] labelled = Arrays.copyOfRange(ids, f.startLabel(), f.endLabel() + 1);
        long[] answer = tok.tokenize(examples.get(f.question()).answer()).ids();
        assertEquals(Arrays.toString(answer), Arrays.toString(labelled),
            examples.get(f.question()).id());
      }
    }
  }

  @Test
  void fingerprintIgnoresOrderButNotContentOrRole() {
    List<QaExample> feedback = Fixtures.feedback();
    List<QaExample> replay = Fixtures.replay();
    String fp = QaExamples.fingerprint(feedback, replay);
    assertTrue(fp.matches("[0-9a-f]{64}"), fp);

    List<QaExample> shuffled = new ArrayList<>(replay);
    Collections.reverse(shuffled);
    assertEquals(fp, QaExamples.fingerprint(List.of(feedback.get(2), feedback.get(0),
        feedback.get(1)), shuffled));

    QaExample first = feedback.get(0);
    QaExample moved = new QaExample(first.id(), first.question(), first.context() + " Later.",
        first.answer(), first.answerStart());
    assertNotEquals(fp, QaExamples.fingerprint(List.of(moved, feedback.get(1), feedback.get(2)),
        replay), "a changed context");
    QaExample other = Fixtures.example(first.id(), first.question(), first.context(), "Grace");
    assertNotEquals(fp, QaExamples.fingerprint(List.of(other, feedback.get(1), feedback.get(2)),
        replay), "a changed answer");
    assertNotEquals(fp, QaExamples.fingerprint(feedback.subList(1, 3), replay), "one fewer");
    List<QaExample> swapped = new ArrayList<>(replay);
    swapped.add(first);
    assertNotEquals(fp, QaExamples.fingerprint(feedback.subList(1, 3), swapped),
        "feedback replayed instead");
  }
}
