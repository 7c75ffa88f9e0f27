package io.odqa.reader.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.odqa.reader.TestModels;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.read.QaTokenizer;
import io.odqa.reader.read.ReaderSettings;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny real run of the trainer on CPU: labels point at the answer tokens, the loss falls, and a
 * run resumed from a checkpoint ends with exactly the weights of an uninterrupted run.
 */
class ReaderTrainerTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final TrainSettings TINY = new TrainSettings(3, 2, 5e-4f, 0.1f, 0.01f, 1f, 7L,
      64, 16, 1, 0);

  private static TokenizedSet tinySet(Path dir) throws Exception {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, """
        {"id": "c1", "title": "", "text": "Grace Hopper built the first COBOL compiler in 1959. She was a rear admiral."}
        {"id": "c2", "title": "", "text": "Alan Turing described a universal machine in 1936 at Cambridge."}
        """);
    Path questions = dir.resolve("q.jsonl");
    Files.writeString(questions, """
        {"id": "q1", "question": "Who built the first COBOL compiler?", "context_id": "c1", "answers": ["Grace Hopper"], "answer_starts": [0]}
        {"id": "q2", "question": "When was the COBOL compiler built?", "context_id": "c1", "answers": ["1959"], "answer_starts": [-1]}
        {"id": "q3", "question": "What rank did she hold?", "context_id": "c1", "answers": ["rear admiral"], "answer_starts": [61]}
        {"id": "q4", "question": "What did Turing describe?", "context_id": "c2", "answers": ["a universal machine"], "answer_starts": [22]}
        {"id": "q5", "question": "Where was Turing?", "context_id": "c2", "answers": ["Cambridge"], "answer_starts": [54]}
        """);
    try (QaTokenizer tok = new QaTokenizer(TestModels.minilm().resolve("tokenizer.json"))) {
      TokenizedSet set = TokenizedSet.build(questions, corpus, tok);
      Path file = dir.resolve("set.json.gz");
      set.write(file);
      return TokenizedSet.read(file);
    }
  }

  @Test
  void labelsPointAtTheAnswerTokens(@TempDir Path dir) throws Exception {
    TokenizedSet set = tinySet(dir);
    List<Features.Feature> features = Features.training(set, ReaderSettings.DEFAULT
        .withWindow(64, 16));
    assertEquals(5, features.size());
    try (QaTokenizer tok = new QaTokenizer(TestModels.minilm().resolve("tokenizer.json"))) {
      for (Features.Feature f : features) {
        long[] ids = Features.inputs(set, List.of(f))[0][0];
        long[] answer = java.util.Arrays.copyOfRange(ids, f.startLabel(), f.endLabel() + 1);
        long[] expected = tok.tokenize(set.questions().get(f.question()).answers().get(0)).ids();
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(answer));
      }
    }
  }

  @Test
  void resumedRunEndsWithTheSameWeights(@TempDir Path dir) throws Exception {
    TokenizedSet set = tinySet(dir);
    Map<String, float[]> straight;
    double firstLoss;
    double lastLoss;
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      ReaderTrainer.Result r = new ReaderTrainer(model, withMaxSteps(1), QUIET).train(set, null, null);
      firstLoss = r.finalLoss();
    }
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      ReaderTrainer.Result r = new ReaderTrainer(model, TINY, QUIET).train(set, null, null);
      lastLoss = r.finalLoss();
      assertEquals(9, r.steps());
      straight = weights(model);
    }
    assertTrue(lastLoss < firstLoss, "loss " + firstLoss + " -> " + lastLoss);

    Path checkpoints = dir.resolve("ckpt");
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      new ReaderTrainer(model, withMaxSteps(4), QUIET).train(set, null, checkpoints);
    }
    Map<String, float[]> resumed;
    try (ReaderModel model = ReaderModel.load(TestModels.minilm(), "cpu")) {
      ReaderTrainer.Result r = new ReaderTrainer(model, TINY, QUIET).train(set, null, checkpoints);
      assertEquals(9, r.steps());
      resumed = weights(model);
    }
    double maxDiff = 0;
    for (String name : straight.keySet()) {
      float[] a = straight.get(name);
      float[] b = resumed.get(name);
      for (int i = 0; i < a.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      }
    }
    assertEquals(0.0, maxDiff, "max |straight - resumed|");
  }

  private static TrainSettings withMaxSteps(int n) {
    return new TrainSettings(TINY.epochs(), TINY.batchSize(), TINY.learningRate(),
        TINY.warmupRatio(), TINY.weightDecay(), TINY.clipNorm(), TINY.seed(),
        TINY.maxSeqLength(), TINY.stride(), TINY.checkpointEvery(), n);
  }

  private static Map<String, float[]> weights(ReaderModel model) {
    Map<String, float[]> out = new TreeMap<>();
    model.block().parametersByName().forEach((name, p) -> {
      NDArray a = p.getArray();
      out.put(name, a.toFloatArray());
    });
    return out;
  }
}
