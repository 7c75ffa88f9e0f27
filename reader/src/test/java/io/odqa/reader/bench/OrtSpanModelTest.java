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
 * leaves any of them in. Its int8 graph keeps the float graph's best span on at least {@value
 * #MIN_INT8_AGREEMENT} of the windows.
 */
class OrtSpanModelTest {
  /** Float32 with fused kernels on one side: observed differences are about 2e-5. */
  private static final double TOLERANCE = 1e-3;
  /** Windows compared between int8 and fp32, and the share that must keep their span. */
  private static final int INT8_WINDOWS = 24;
  private static final double MIN_INT8_AGREEMENT = 0.75;
  private static final Path MODEL = Path.of("..", "models", "reader");
  private static final Path SQUAD = Path.of(System.getProperty("odqa.squad.dir",
      "../../shared/data/squad-open"));

  @Test
  void peerLogitsEqualOursOnShippedModel() throws Exception {
    try (ReaderModel ours = ReaderModel.load(MODEL, "cpu");
        OrtSpanModel peer = OrtSpanModel.create(ours.block(), BaseEncoder.BGE_SMALL,
            options(OrtSpanModel.Precision.FP32))) {
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

  /**
   * The int8 graph mostly keeps the float graph's best span: quantisation noise moves the
   * boundaries of low-confidence spans only. On the first 50 windows one at a time, 44 kept their
   * span (the 6 others had float probabilities of 0.02 to 0.32) and logits moved by up to 2.5;
   * weights alone cost little (hidden-state cosine 0.9997), so the noise is the per-tensor
   * quantisation of activations. That range would also make a window's logits depend on its
   * batch, so an int8 model runs each window of a batch on its own: the same logits either way.
   */
  @Test
  void int8PeerMostlyKeepsTheFloatBestSpans() throws Exception {
    try (ReaderModel ours = ReaderModel.load(MODEL, "cpu");
        OrtSpanModel fp32 = OrtSpanModel.create(ours.block(), BaseEncoder.BGE_SMALL,
            options(OrtSpanModel.Precision.FP32));
        OrtSpanModel int8 = OrtSpanModel.create(ours.block(), BaseEncoder.BGE_SMALL,
            options(OrtSpanModel.Precision.INT8))) {
      assertEquals(OrtSpanModel.Precision.INT8, int8.options().precision());
      ReaderSettings settings = ReaderSettings.DEFAULT;
      BenchWindows windows = BenchWindows.load(SQUAD, ours.tokenizer(), settings, 24, 0);
      SpanAgreement agreement = new SpanAgreement(settings);
      for (int i = 0; i < INT8_WINDOWS; i++) {
        BenchWindows.Item single = windows.batch(i, 1).get(0);
        agreement.add(List.of(single), fp32.logits(single.input()),
            int8.logits(single.input()));
      }
      System.out.printf("ORT int8 vs fp32: %d windows one at a time, %d with the same best"
          + " span, max abs logit diff %.3g%n", agreement.windows(), agreement.sameSpan(),
          agreement.maxAbsDiff());
      assertEquals(INT8_WINDOWS, agreement.windows());
      assertTrue(agreement.spanAgreement() >= MIN_INT8_AGREEMENT,
          agreement.sameSpan() + " of " + agreement.windows() + " windows keep their span");

      List<BenchWindows.Item> batch = windows.batch(0, 4);
      SpanAgreement batched = new SpanAgreement(settings);
      batched.add(batch.subList(0, 1), int8.logits(batch.get(0).input()),
          int8.logits(BenchWindows.pad(batch)));
      System.out.printf("ORT int8, window 0 alone vs in a padded batch of 4: max abs logit diff"
          + " %.3g%n", batched.maxAbsDiff());
      assertEquals(0.0, batched.maxAbsDiff(), 1e-6, "a window's int8 logits ignore its batch");
    }
  }

  private static OrtSpanModel.Options options(OrtSpanModel.Precision precision) {
    return new OrtSpanModel.Options(2, OptLevel.ALL_OPT, OrtSpanModel.Memory.ARENA_PER_PASS,
        false, precision);
  }
}
