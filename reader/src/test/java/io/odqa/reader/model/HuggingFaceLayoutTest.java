package io.odqa.reader.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.odqa.reader.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint saved by Hugging Face transformers ({@code BertForQuestionAnswering}: {@code
 * bert.} prefix, a pooler, fp16 tensors, legacy {@code gamma}/{@code beta} names) loads without
 * conversion, and so does our int8 form; both give the logits of the fp32 original.
 */
class HuggingFaceLayoutTest {
  private static final long[][] INPUT = {{101, 2040, 2003, 1996, 3007, 102, 3000, 2003, 1996,
      3007, 1997, 2605, 1012, 102}};

  @Test
  void huggingFaceNamesAndFp16Load(@TempDir Path tmp) throws Exception {
    Path original = TestModels.minilm();
    Path hf = copyConfig(original, tmp.resolve("hf"));
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), ReaderModel.ENGINE)) {
      Map<String, NDArray> weights = Weights.read(original, m);
      List<NDArray> renamed = new ArrayList<>();
      for (Map.Entry<String, NDArray> e : weights.entrySet()) {
        String name = e.getKey();
        if (!name.startsWith("qa_outputs")) {
          name = "bert." + name.replace("LayerNorm.weight", "LayerNorm.gamma")
              .replace("LayerNorm.bias", "LayerNorm.beta");
        }
        NDArray a = e.getValue().toType(DataType.FLOAT16, true);
        a.setName(name);
        renamed.add(a);
      }
      NDArray pooler = m.zeros(new ai.djl.ndarray.types.Shape(384, 384), DataType.FLOAT16);
      pooler.setName("bert.pooler.dense.weight");
      renamed.add(pooler);
      try (OutputStream out = Files.newOutputStream(hf.resolve("model.safetensors"))) {
        new NDList(renamed).encode(out, NDList.Encoding.SAFETENSORS);
      }
    }
    double diff = maxLogitDiff(original, hf);
    assertTrue(diff < 0.05, "fp16 checkpoint logits differ by " + diff);
  }

  @Test
  void int8RowsLoadCloseToFp32(@TempDir Path tmp) throws Exception {
    Path original = TestModels.minilm();
    Path q = copyConfig(original, tmp.resolve("int8"));
    try (ReaderModel model = ReaderModel.load(original, "cpu")) {
      Weights.write(model.block(), q.resolve("model.safetensors"), true);
    }
    long fp32 = Files.size(original.resolve("model.safetensors"));
    long int8 = Files.size(q.resolve("model.safetensors"));
    assertTrue(int8 * 3.5 < fp32, "int8 " + int8 + " vs fp32 " + fp32 + " bytes");
    double diff = maxLogitDiff(original, q);
    assertTrue(diff < 0.1, "int8 checkpoint logits differ by " + diff);
    System.out.printf("int8: %d -> %d bytes, max logit diff %.4f%n", fp32, int8, diff);
  }

  @Test
  void aCheckpointWithoutSpanHeadIsRefusedByName(@TempDir Path tmp) throws Exception {
    Path original = TestModels.minilm();
    Path noHead = copyConfig(original, tmp.resolve("nohead"));
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), ReaderModel.ENGINE)) {
      List<NDArray> kept = new ArrayList<>();
      Weights.read(original, m).forEach((name, a) -> {
        if (!name.startsWith("qa_outputs")) {
          a.setName(name);
          kept.add(a);
        }
      });
      try (OutputStream out = Files.newOutputStream(noHead.resolve("model.safetensors"))) {
        new NDList(kept).encode(out, NDList.Encoding.SAFETENSORS);
      }
    }
    IOException e = assertThrows(IOException.class, () -> ReaderModel.load(noHead, "cpu"));
    assertEquals("checkpoint has no tensor qa_outputs.weight (not an extractive-QA checkpoint)",
        e.getMessage());
  }

  private static Path copyConfig(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String f : new String[] {"config.json", "tokenizer.json"}) {
      Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }

  private static double maxLogitDiff(Path a, Path b) throws IOException {
    try (ReaderModel ma = ReaderModel.load(a, "cpu"); ReaderModel mb = ReaderModel.load(b, "cpu")) {
      float[] la = logits(ma);
      float[] lb = logits(mb);
      double max = 0;
      for (int i = 0; i < la.length; i++) {
        max = Math.max(max, Math.abs(la[i] - lb[i]));
      }
      return max;
    }
  }

  private static float[] logits(ReaderModel model) {
    try (NDManager m = model.manager().newSubManager()) {
      long[][] mask = new long[1][INPUT[0].length];
      long[][] types = new long[1][INPUT[0].length];
      java.util.Arrays.fill(mask[0], 1L);
      for (int i = 6; i < types[0].length; i++) {
        types[0][i] = 1;
      }
      NDList out = model.spanLogits(new NDList(m.create(INPUT), m.create(mask), m.create(types)));
      return NDArrays.concat(out).toFloatArray();
    }
  }
}
