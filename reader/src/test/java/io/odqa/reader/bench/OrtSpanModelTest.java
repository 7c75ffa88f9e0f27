package io.odqa.reader.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.model.OrtSpanModel;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.ReaderSettings;
import io.odqa.reader.read.SpanReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The correctness contract of the benchmark's peer: ONNX Runtime on the shipped reader's weights
 * gives the logits of our DJL reader within {@value #TOLERANCE} on every real token, and the same
 * best span, on windows of real SQuAD-open dev questions, one at a time and in a padded batch.
 * The ONNX graph's own (base) weights would miss by whole logits, so the test fails if the swap
 * leaves any of them in.
 */
class OrtSpanModelTest {
  /** Float32 with fused kernels on one side: observed differences are about 2e-5. */
  private static final double TOLERANCE = 1e-3;
  private static final Path MODEL = Path.of("..", "models", "reader");
  private static final Path SQUAD = Path.of(System.getProperty("odqa.squad.dir",
      "../../shared/data/squad-open"));

  @Test
  void peerLogitsEqualOursOnShippedModel() throws Exception {
    try (ReaderModel ours = ReaderModel.load(MODEL, "cpu");
        OrtSpanModel peer = OrtSpanModel.create(ours.block(), BaseEncoder.BGE_SMALL,
            new OrtSpanModel.Options(2, OptLevel.ALL_OPT,
                OrtSpanModel.Memory.ARENA_PER_PASS, false))) {
      ReaderSettings settings = ReaderSettings.DEFAULT;
      BenchWindows windows = BenchWindows.load(SQUAD, ours.tokenizer(), settings, 8, 0);
      SpanAgreement agreement = new SpanAgreement(settings);
      List<BenchWindows.Item> batch = windows.batch(0, 4);
      long[][][] padded = BenchWindows.pad(batch);
      assertTrue(batch.stream().anyMatch(i -> i.length() < padded[0][0].length),
          "the batch carries padding");
      agreement.add(batch, SpanReader.logits(ours, padded), peer.logits(padded));
      BenchWindows.Item single = windows.batch(4, 1).get(0);
      agreement.add(List.of(single), SpanReader.logits(ours, single.input()),
          peer.logits(single.input()));
      assertEquals(5, agreement.windows());
      assertTrue(agreement.maxAbsDiff() <= TOLERANCE,
          "max |djl - ort| = " + agreement.maxAbsDiff());
      assertEquals(5, agreement.sameSpan(), "windows with the same best span");
      System.out.printf("ORT peer vs DJL: %d windows, max abs logit diff %.3g%n",
          agreement.windows(), agreement.maxAbsDiff());
    }
  }
}
