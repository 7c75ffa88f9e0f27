package io.odqa.reader.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.train.ReaderTrainer;
import io.odqa.reader.train.TokenizedSet;
import io.odqa.reader.train.TrainSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures (prints) seconds per update of the shipped reader at batch 16 x 384 tokens for the
 * CPU refresh default (top 2 layers) against training every layer, in one process. It takes
 * minutes on a CPU, so it runs only with {@code -Dodqa.measure=true}; it asserts only that the
 * runs happened, since timings depend on the machine.
 */
@EnabledIfSystemProperty(named = "odqa.measure", matches = "true")
class RefreshSpeedTest {
  private static final int STEPS = 3;

  @Test
  void secondsPerUpdateTopTwoVersusAll() throws Exception {
    assumeTrue(Files.isRegularFile(Fixtures.SQUAD.resolve("train.jsonl")),
        "SQuAD-open data not found at " + Fixtures.SQUAD.toAbsolutePath().normalize());
    List<QaExample> examples = longContexts(ReplaySample.squad(
        Fixtures.SQUAD.resolve("train.jsonl"), Fixtures.SQUAD.resolve("corpus.jsonl"), 48, 0L));
    String device = System.getProperty("odqa.measure.device", "cpu");
    for (int topLayers : new int[] {2, -1}) {
      try (ReaderModel model = ReaderModel.load(Fixtures.CHAMPION, device)) {
        TokenizedSet set = QaExamples.tokenize(examples, model.tokenizer());
        TrainSettings s = RefreshSettings.CPU.withTopLayers(topLayers).trainSettings()
            .withMaxSteps(STEPS);
        long[] at = new long[STEPS + 1];
        at[0] = System.nanoTime();
        ReaderTrainer.Result r = new ReaderTrainer(model, s, new PrintStream(
            OutputStream.nullOutputStream()), (step, total) -> at[step] = System.nanoTime(),
            () -> false).train(set, null, null);
        assertEquals(STEPS, r.steps());
        List<String> each = new ArrayList<>();
        for (int i = 1; i <= STEPS; i++) {
          each.add(String.format("%.2f", (at[i] - at[i - 1]) / 1e9));
        }
        // The first update includes one-off allocation; the later ones are the steady state.
        double steady = (at[STEPS] - at[1]) / 1e9 / (STEPS - 1);
        System.out.printf("MEASURE device=%s topLayers=%d batch=16x384: s/update %s, steady %.2f%n",
            model.device(), topLayers, each, steady);
        assertTrue(steady > 0);
      }
    }
  }

  /**
   * Each question's paragraph followed by other paragraphs, so that every window is the full 384
   * tokens; the answer offset is unchanged because text is only appended.
   */
  private static List<QaExample> longContexts(List<QaExample> sample) {
    List<QaExample> out = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      StringBuilder text = new StringBuilder(sample.get(i).context());
      for (int j = 1; text.length() < 4000; j++) {
        text.append("\n\n").append(sample.get((i + j) % sample.size()).context());
      }
      QaExample e = sample.get(i);
      out.add(new QaExample(e.id(), e.question(), text.toString(), e.answer(), e.answerStart()));
    }
    return out;
  }
}
