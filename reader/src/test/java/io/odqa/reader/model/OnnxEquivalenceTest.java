package io.odqa.reader.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.odqa.reader.TestModels;
import io.odqa.reader.convert.BaseEncoder;
import io.odqa.reader.read.QaTokenizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted encoder, run by our DJL block on the PyTorch engine, must reproduce the original
 * ONNX model run by DJL's OnnxRuntime engine: {@code last_hidden_state} within 1e-4 on 20 inputs
 * of different lengths, question/passage pairs with both token types, batched with padding.
 */
class OnnxEquivalenceTest {
  private static final String[][] PAIRS = {
      {"Who founded Neo4j?", "Neo4j was founded in Malmö, Sweden, by Emil Eifrem."},
      {"What is BM25?", "Okapi BM25 is a ranking function used by search engines."},
      {"When did the oil crisis begin?", "The 1973 oil crisis began in October 1973."},
      {"Where is the Eiffel Tower?", "The Eiffel Tower is a wrought-iron lattice tower in Paris."},
      {"What does DJL stand for?", "Deep Java Library is an open-source deep learning framework."},
      {"Which team won Super Bowl 50?", "The Denver Broncos defeated the Carolina Panthers 24–10."},
      {"How many layers?", "MiniLM-L6 has six transformer layers and a hidden size of 384."},
      {"Who wrote Hamlet?", "Hamlet is a tragedy written by William Shakespeare around 1600."},
      {"What is Kafka?", "Apache Kafka is a distributed event store and stream-processing platform."},
      {"Why?", "Because."},
      {"What percentage of assets?", "The richest 1% of people hold 40% of global assets, per Oxfam."},
      {"Is it raining?", ""},
      {"", "An empty question still has a passage."},
      {"What is the capital of Japan?", "Tokyo is the capital of Japan and its largest city."},
      {"Name a prime number.", "2, 3, 5, 7, 11 and 13 are the first six primes."},
      {"What colour is the sky?", "The sky appears blue because of Rayleigh scattering of sunlight."},
      {"Where was Einstein born?", "Albert Einstein was born in Ulm, in the Kingdom of Württemberg."},
      {"What is Lucene?", "Apache Lucene is a free and open-source search engine software library."},
      {"Who discovered penicillin?", "Alexander Fleming discovered penicillin in 1928 at St Mary's."},
      {"What is the speed of light?",
          "The speed of light in vacuum is exactly 299,792,458 metres per second; nothing that"
          + " carries information travels faster, which is why it is a universal constant."},
  };

  @Test
  void convertedEncoderMatchesOnnxWithin1e4(@TempDir Path tmp) throws Exception {
    Path onnx = tmp.resolve("encoder.onnx");
    try (InputStream in = BaseEncoder.MINILM.openOnnx()) {
      Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
    }
    Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
        .optModelPath(onnx).optEngine("OnnxRuntime").optTranslator(new NoopTranslator()).build();
    try (ReaderModel ours = ReaderModel.load(TestModels.minilm(), "cpu");
        ZooModel<NDList, NDList> reference = criteria.loadModel();
        Predictor<NDList, NDList> predictor = reference.newPredictor();
        NDManager m = ours.manager().newSubManager()) {
      long[][][] batch = encode(ours.tokenizer());
      assertEquals(20, batch[0].length);
      NDList inputs = new NDList(m.create(batch[0]), m.create(batch[1]), m.create(batch[2]));
      float[] mine = ours.hiddenStates(inputs).toFloatArray();

      NDManager om = reference.getNDManager().newSubManager();
      NDArray ids = om.create(batch[0]);
      ids.setName("input_ids");
      NDArray mask = om.create(batch[1]);
      mask.setName("attention_mask");
      NDArray types = om.create(batch[2]);
      types.setName("token_type_ids");
      float[] theirs = predictor.predict(new NDList(ids, mask, types)).get(0).toFloatArray();
      assertEquals(theirs.length, mine.length);

      int hidden = ours.block().config().hiddenSize();
      int seq = batch[0][0].length;
      double maxDiff = 0;
      int compared = 0;
      for (int b = 0; b < batch[0].length; b++) {
        for (int t = 0; t < seq; t++) {
          if (batch[1][b][t] == 0) {
            continue;
          }
          for (int h = 0; h < hidden; h++) {
            int i = (b * seq + t) * hidden + h;
            maxDiff = Math.max(maxDiff, Math.abs(mine[i] - theirs[i]));
            compared++;
          }
        }
      }
      om.close();
      assertTrue(compared > 20 * 5 * hidden, "compared " + compared);
      assertTrue(maxDiff <= 1e-4, "max |ours - onnx| = " + maxDiff);
      System.out.printf("encoder equivalence: %d values, max abs diff %.3g%n", compared, maxDiff);
    }
  }

  /** ids, mask and token types of {@code [CLS] q [SEP] p [SEP]}, right-padded with zeros. */
  private static long[][][] encode(QaTokenizer tok) {
    List<long[]> ids = new ArrayList<>();
    List<long[]> types = new ArrayList<>();
    int longest = 0;
    for (String[] pair : PAIRS) {
      long[] q = tok.tokenize(pair[0]).ids();
      long[] p = tok.tokenize(pair[1]).ids();
      long[] row = new long[q.length + p.length + 3];
      long[] type = new long[row.length];
      row[0] = tok.cls();
      System.arraycopy(q, 0, row, 1, q.length);
      row[q.length + 1] = tok.sep();
      System.arraycopy(p, 0, row, q.length + 2, p.length);
      row[row.length - 1] = tok.sep();
      for (int i = q.length + 2; i < row.length; i++) {
        type[i] = 1;
      }
      ids.add(row);
      types.add(type);
      longest = Math.max(longest, row.length);
    }
    long[][][] out = new long[3][PAIRS.length][longest];
    for (int b = 0; b < PAIRS.length; b++) {
      System.arraycopy(ids.get(b), 0, out[0][b], 0, ids.get(b).length);
      java.util.Arrays.fill(out[1][b], 0, ids.get(b).length, 1L);
      System.arraycopy(types.get(b), 0, out[2][b], 0, types.get(b).length);
    }
    return out;
  }
}
