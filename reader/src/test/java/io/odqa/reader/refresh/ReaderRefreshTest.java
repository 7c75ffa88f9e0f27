package io.odqa.reader.refresh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.odqa.reader.model.ReaderModel;
import io.odqa.reader.train.Evaluator;
import io.odqa.reader.train.NonFiniteLossException;
import io.odqa.reader.train.ReaderTrainer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real refresh of the shipped reader on CPU, a few updates on tiny examples: the new version is
 * a loadable model directory with its provenance, the frozen layers are the champion's, and a
 * refresh that fails or is cancelled leaves nothing in the registry.
 */
class ReaderRefreshTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  // 3 feedback x 2 + 3 replay = 9 one-window questions: 3 updates of 4, 4 and 1 windows.
  private static final RefreshSettings TINY = new RefreshSettings(1, 4, 5e-5f, 1, 0L, 64, 16, 2);

  @Test
  void writesALoadableVersionWithItsProvenance(@TempDir Path root) throws Exception {
    List<int[]> reports = new ArrayList<>();
    ReaderRefresh.Result r = new ReaderRefresh(root, TINY, "cpu", QUIET).refresh(
        Fixtures.CHAMPION, "reader-fb-1", Fixtures.feedback(), Fixtures.replay(),
        (step, total) -> reports.add(new int[] {step, total}), () -> false);

    assertEquals(root.resolve("reader-fb-1"), r.dir());
    assertEquals(List.of(r.dir()), list(root), "no partial directory is left beside it");
    assertEquals("reader-fb-1", Files.readString(r.dir().resolve("VERSION")).trim());
    ModelMetadata m = ModelMetadata.read(r.dir());
    assertEquals(r.metadata(), m);
    assertEquals(List.of(m), ModelMetadata.list(root));
    assertEquals("reader-fb-1", m.version());
    assertEquals(Files.readString(Fixtures.CHAMPION.resolve("VERSION")).trim(), m.parent());
    assertEquals(QaExamples.fingerprint(Fixtures.feedback(), Fixtures.replay()),
        m.dataFingerprint());
    assertEquals(new ModelMetadata.Examples(3, 3), m.examples());
    assertEquals(TINY, m.settings());
    assertEquals(3, m.steps());
    assertEquals(List.of("1/3", "2/3", "3/3"),
        reports.stream().map(p -> p[0] + "/" + p[1]).toList());
    assertTrue(Double.isFinite(m.finalLoss()) && m.trainSeconds() > 0, m.toString());

    try (ReaderModel champion = ReaderModel.load(Fixtures.CHAMPION, "cpu");
        ReaderModel refreshed = ReaderModel.load(r.dir(), "cpu")) {
      assertEquals("reader-fb-1", refreshed.version());
      int top = champion.block().config().layers() - 1;
      for (String name : List.of("embeddings.word_embeddings.weight",
          "encoder.layer." + (top - 1) + ".output.dense.weight")) {
        assertArrayEquals(weight(champion, name), weight(refreshed, name), name + " is frozen");
      }
      for (String name : List.of("encoder.layer." + top + ".output.dense.weight",
          "qa_outputs.weight")) {
        assertFalse(java.util.Arrays.equals(weight(champion, name), weight(refreshed, name)),
            name + " is trained");
      }
      Evaluator.Scores s = QaExamples.evaluate(refreshed, Fixtures.feedback());
      assertEquals(3, s.n());
      assertTrue(s.f1() >= 2.0 / 3, "refreshed reader on its own feedback: " + s);
    }
  }

  @Test
  void cancelledRefreshLeavesNothingBehind(@TempDir Path root) throws Exception {
    int[] done = {0};
    ReaderRefresh refresh = new ReaderRefresh(root, TINY, "cpu", QUIET);
    assertThrows(CancellationException.class, () -> refresh.refresh(Fixtures.CHAMPION,
        "reader-fb-2", Fixtures.feedback(), Fixtures.replay(), (step, total) -> done[0] = step,
        () -> done[0] >= 1));
    assertEquals(1, done[0]);
    assertEquals(List.of(), list(root));
  }

  @Test
  void refusesAnExistingVersionOrABadNameBeforeTraining(@TempDir Path root) throws Exception {
    Path existing = Files.createDirectories(root.resolve("reader-fb-3"));
    Files.writeString(existing.resolve("VERSION"), "reader-fb-3\n");
    ReaderRefresh refresh = new ReaderRefresh(root, TINY, "cpu", QUIET);
    assertThrows(FileAlreadyExistsException.class, () -> refresh.refresh(Fixtures.CHAMPION,
        "reader-fb-3", Fixtures.feedback(), Fixtures.replay()));
    assertEquals(List.of(existing), list(root));
    assertEquals(List.of("VERSION"), list(existing).stream()
        .map(p -> p.getFileName().toString()).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> refresh.refresh(Fixtures.CHAMPION, "../escape", Fixtures.feedback(), List.of()));
    assertEquals("version must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}, got '../escape'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> refresh.refresh(Fixtures.CHAMPION,
        "reader-fb-4", List.of(), List.of()));
  }

  @Test
  void aFailedLoadLeavesNothingBehind(@TempDir Path root) throws Exception {
    Path notAModel = Files.createDirectories(root.resolve("not-a-model"));
    Path registry = root.resolve("registry");
    ReaderRefresh refresh = new ReaderRefresh(registry, TINY, "cpu", QUIET);
    assertThrows(java.io.IOException.class, () -> refresh.refresh(notAModel, "reader-fb-5",
        Fixtures.feedback(), Fixtures.replay()));
    assertEquals(List.of(), list(registry));
  }

  /**
   * A champion one of whose frozen weights is NaN makes every loss NaN. Each such update is
   * skipped before the optimizer touches a weight, and the run gives up at the second (more than
   * 5% of the run), so nothing is written and the trained layers are as they were. The trainer
   * alone gets the 6 examples once (2 updates); the refresh repeats the feedback (3 updates).
   */
  @Test
  void updatesWithANonFiniteLossAreSkippedAndTooManyEndTheRunWithNothingWritten(
      @TempDir Path root) throws Exception {
    String head = "qa_outputs.weight";
    Path poisoned = root.resolve("poisoned");
    float[] before;
    try (ReaderModel m = ReaderModel.load(Fixtures.CHAMPION, "cpu")) {
      NDArray norm = m.block().parametersByName().get("embeddings.LayerNorm.weight").getArray();
      float[] v = norm.toFloatArray();
      v[0] = Float.NaN;
      norm.set(v);
      ReaderTrainer.export(m, poisoned, false, "poisoned");
      before = weight(m, head);
      List<QaExample> mix = new ArrayList<>(Fixtures.feedback());
      mix.addAll(Fixtures.replay());
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
          () -> new ReaderTrainer(m, TINY.trainSettings(), new PrintStream(log, true)).train(
              QaExamples.tokenize(mix, m.tokenizer()), null, null));
      assertEquals(2, e.update(), e.getMessage());
      assertFalse(e.questionIds().isEmpty());
      assertTrue(log.toString().contains("update 1/2: loss or gradient not finite, update skipped"),
          log.toString());
      assertArrayEquals(before, weight(m, head), "no update reached the weights");
    }
    Path registry = root.resolve("registry");
    assertThrows(NonFiniteLossException.class, () -> new ReaderRefresh(registry, TINY, "cpu",
        QUIET).refresh(poisoned, "reader-nan", Fixtures.feedback(), Fixtures.replay()));
    assertEquals(List.of(), list(registry));
  }

  @Test
  void settingsNameTheirBadValues() {
    assertEquals("feedbackRepeats must be at least 1, got 0", assertThrows(
        IllegalArgumentException.class, () -> new RefreshSettings(1, 4, 5e-5f, 1, 0L, 64, 16, 0))
        .getMessage());
    assertEquals("topLayers must be at least -1, got -3", assertThrows(
        IllegalArgumentException.class, () -> RefreshSettings.CPU.withTopLayers(-3))
        .getMessage());
    assertEquals(2, RefreshSettings.CPU.topLayers());
  }

  private static float[] weight(ReaderModel model, String name) {
    return model.block().parametersByName().get(name).getArray().toFloatArray();
  }

  private static List<Path> list(Path dir) throws java.io.IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
